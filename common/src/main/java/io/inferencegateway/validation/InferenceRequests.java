package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The validation every inference request gets, whether it comes as an HTTP body (gateway-http) or as a line of a
 * batch (the workers): what OpenAI and vLLM accept passes unchanged (no defaults are added, unknown top-level
 * fields pass through), anything else is a {@link RequestRejected} naming the field. Stateless and thread-safe.
 */
public final class InferenceRequests {

    /** OpenAI's limit on the number of inputs in one embeddings request. */
    public static final int MAX_EMBEDDING_INPUTS = 2048;

    private InferenceRequests() {
    }

    /**
     * Reads a body into a JSON object, refusing duplicate keys and numbers no 64-bit float holds, within Jackson's
     * read constraints.
     */
    public static ObjectNode read(byte[] body) {
        return JsonBodyReader.read(body);
    }

    /** Checks a body against the schema of {@code route}. */
    public static void validate(InferenceRoute route, ObjectNode request) {
        checkEndpointField(route, request);
        switch (route) {
            case CHAT_COMPLETIONS -> ChatCompletionsValidator.validate(request);
            case COMPLETIONS -> CompletionsValidator.validate(request);
            case EMBEDDINGS -> EmbeddingsValidator.validate(request);
            case RESPONSES -> ResponsesValidator.validate(request);
            case MESSAGES -> MessagesValidator.validate(request);
        }
    }

    /** FIRST's schemas let a client send {@code openai_endpoint} only with the value of the route it called. */
    private static void checkEndpointField(InferenceRoute route, ObjectNode request) {
        if (Rules.present(request, "openai_endpoint")) {
            Rules.oneOf(route.openaiEndpoint()).check(request.get("openai_endpoint"),
                    FieldPath.root().field("openai_endpoint"));
        }
    }
}
