package io.inferencegateway.gateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.gateway.http.ApiException;

/**
 * Turns an inference request's bytes into the JSON object to forward, or an {@link ApiException} (400, or 415 for
 * the content type) naming the field at fault. It accepts what OpenAI and vLLM accept, and returns exactly what the
 * client sent: no defaults are added, and unknown top-level fields (vLLM extensions, SDK extra_body) pass through.
 * Stateless and thread-safe.
 */
public final class RequestParser {

    /** Parses and validates {@code body}, sent with the {@code Content-Type} header {@code contentType} (may be null). */
    public ObjectNode parse(InferenceRoute route, String contentType, byte[] body) {
        ContentTypes.check(contentType);
        ObjectNode request = JsonBodyReader.read(body);
        checkEndpointField(route, request);
        switch (route) {
            case CHAT_COMPLETIONS -> ChatCompletionsValidator.validate(request);
            case COMPLETIONS -> CompletionsValidator.validate(request);
            case EMBEDDINGS -> EmbeddingsValidator.validate(request);
            case RESPONSES -> ResponsesValidator.validate(request);
            case MESSAGES -> MessagesValidator.validate(request);
        }
        return request;
    }

    /**
     * Reads a JSON object body with the same strictness (content type, duplicate keys, parser limits) but no
     * inference schema, for routes that check their own fields.
     */
    public ObjectNode parseObject(String contentType, byte[] body) {
        ContentTypes.check(contentType);
        return JsonBodyReader.read(body);
    }

    /** FIRST's schemas let a client send {@code openai_endpoint} only with the value of the route it called. */
    private static void checkEndpointField(InferenceRoute route, ObjectNode request) {
        if (Rules.present(request, "openai_endpoint")) {
            Rules.oneOf(route.openaiEndpoint()).check(request.get("openai_endpoint"),
                    FieldPath.root().field("openai_endpoint"));
        }
    }
}
