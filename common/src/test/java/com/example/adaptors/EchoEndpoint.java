package com.example.adaptors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The worked example of docs/WRITING_ADAPTORS.md: a chat model that answers with the last user message,
 * prefixed by a configured string. It shows the whole contract: reading and checking config, answering,
 * refusing what it cannot do with a 4xx, and streaming.
 */
public class EchoEndpoint extends BaseEndpoint {

    private final String prefix;

    public EchoEndpoint(EndpointDefinition definition) {
        super(definition);
        JsonNode prefix = config().path("prefix");
        if (!prefix.isMissingNode() && !prefix.isTextual()) {
            throw new AdaptorConfigException("config.prefix", "must be a string, e.g. \"echo: \"");
        }
        this.prefix = prefix.asText("");
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        if (!data.openaiEndpoint().equals("chat/completions")) {
            return SubmitTaskResponse.error(400, "EchoEndpoint only serves chat/completions.");
        }
        ObjectNode answer = Json.object()
                .put("id", "chatcmpl-echo")
                .put("object", "chat.completion")
                .put("model", model());
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply(data));
        return SubmitTaskResponse.ok(Json.write(answer), null);
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        Deque<SseEvent> events = new ArrayDeque<>();
        for (String word : reply(data).split(" ")) {
            ObjectNode chunk = Json.object().put("object", "chat.completion.chunk").put("model", model());
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", word + " ");
            events.add(SseEvent.data(Json.write(chunk)));
        }
        events.add(SseEvent.data(SseEvent.DONE));
        return SubmitStreamingTaskResponse.ok(new EventStream() {
            @Override
            public SseEvent next() {
                return events.poll();
            }

            @Override
            public void close() {
                events.clear();
            }
        }, null);
    }

    private String reply(TaskRequest data) {
        ArrayNode messages = (ArrayNode) data.modelParams().path("messages");
        String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText();
        return prefix + last;
    }
}
