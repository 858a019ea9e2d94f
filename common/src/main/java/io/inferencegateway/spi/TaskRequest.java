package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One interactive inference call, as an adaptor receives it.
 *
 * @param openaiEndpoint the OpenAI route without slashes: {@code chat/completions}, {@code completions},
 *                       {@code embeddings}, {@code responses} or {@code messages}
 * @param modelParams    the request body exactly as the client sent it (only the fields it sent), already
 *                       validated; adaptors must not modify it
 */
public record TaskRequest(String openaiEndpoint, ObjectNode modelParams) {

    public TaskRequest {
        Objects.requireNonNull(openaiEndpoint, "openaiEndpoint");
        Objects.requireNonNull(modelParams, "modelParams");
    }

    /** Whether the client asked for a stream ({@code "stream": true}). */
    public boolean streaming() {
        return modelParams.path("stream").asBoolean(false);
    }

    /**
     * The {@code data} object of FIRST's contract, {@code {"model_params": {..., "openai_endpoint": ...}}}, for
     * adaptors whose remote side expects exactly that shape (FIRST's remote functions do).
     */
    public ObjectNode toFirstData() {
        ObjectNode params = modelParams.deepCopy();
        params.put("openai_endpoint", openaiEndpoint);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("model_params", params);
        return data;
    }
}
