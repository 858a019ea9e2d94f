package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import java.util.Objects;

/**
 * One interactive inference call, as an adaptor receives it.
 *
 * @param openaiEndpoint the OpenAI route without slashes: {@code chat/completions}, {@code completions},
 *                       {@code embeddings}, {@code responses} or {@code messages}
 * @param modelParams    the request body exactly as the client sent it (only the fields it sent), already
 *                       validated; adaptors must not modify it
 * @param originalBody   the client's own bytes of that body when the gateway forwards it unchanged, else null;
 *                       read it through {@link #bodyBytes()}, never modify it
 */
public record TaskRequest(String openaiEndpoint, ObjectNode modelParams, byte[] originalBody) {

    public TaskRequest {
        Objects.requireNonNull(openaiEndpoint, "openaiEndpoint");
        Objects.requireNonNull(modelParams, "modelParams");
    }

    /** A request whose body the gateway built or changed, so only its JSON tree exists. */
    public TaskRequest(String openaiEndpoint, ObjectNode modelParams) {
        this(openaiEndpoint, modelParams, null);
    }

    /**
     * The body as UTF-8 JSON, for adaptors that forward it: the client's own bytes when it was not changed (no
     * cost, and byte for byte what the client sent), otherwise {@link #modelParams()} serialized.
     */
    public byte[] bodyBytes() {
        return originalBody != null ? originalBody : Json.writeBytes(modelParams);
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
