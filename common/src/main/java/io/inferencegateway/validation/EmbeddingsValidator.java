package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates an {@code embeddings} body. */
final class EmbeddingsValidator {

    static final int MAX_INPUTS = InferenceRequests.MAX_EMBEDDING_INPUTS;

    private static final FieldTable FIELDS = FieldTable.builder()
            .required("model", Rules.nonEmptyString())
            .required("input", PromptInput.withAtMost(MAX_INPUTS))
            .optional("encoding_format", Rules.oneOf("float", "base64"))
            .optional("dimensions", Rules.integerAtLeast(1))
            .optional("user", Rules.string())
            .build();

    private EmbeddingsValidator() {
    }

    static void validate(ObjectNode body) {
        FIELDS.check(body, FieldPath.root());
        // Not a field of this API; refused only when it asks for something that cannot happen.
        if (body.path("stream").booleanValue()) {
            throw Rejections.invalidValue(FieldPath.root().field("stream"), "Streaming is not supported for embeddings.");
        }
    }
}
