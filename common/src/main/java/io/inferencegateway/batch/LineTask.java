package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record of the lines topic: one request of a fanned-out batch, for any worker to execute.
 *
 * @param batchId    the batch
 * @param customId   the line's {@code custom_id}, unique within the batch
 * @param lineNumber 1-based line number in the input file
 * @param cluster    cluster of the endpoint that serves the batch
 * @param framework  framework of that endpoint
 * @param model      model of that endpoint
 * @param url        the OpenAI route of the line, e.g. {@code /v1/chat/completions}
 * @param body       the request body of the line
 */
public record LineTask(@JsonProperty("batch_id") String batchId, @JsonProperty("custom_id") String customId,
                       @JsonProperty("line") int lineNumber, @JsonProperty("cluster") String cluster,
                       @JsonProperty("framework") String framework, @JsonProperty("model") String model,
                       @JsonProperty("url") String url, @JsonProperty("body") ObjectNode body) {

    /** The Kafka key: spreads one batch's lines over every partition. */
    public String key() {
        return batchId + "/" + customId;
    }
}
