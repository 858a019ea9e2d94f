package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates an OpenAI Responses body leniently, as FIRST does: the essentials are checked, the rest passes. */
final class ResponsesValidator {

    private static final FieldTable FIELDS = FieldTable.builder()
            .required("model", Rules.nonEmptyString())
            .required("input", (value, path) -> {
                if (!value.isTextual()) {
                    Rules.checkArray(value, path, "a string or an array of input items", 1, Integer.MAX_VALUE);
                }
            })
            .optional("stream", Rules.bool())
            .build();

    private ResponsesValidator() {
    }

    static void validate(ObjectNode body) {
        FIELDS.check(body, FieldPath.root());
        if (body.path("stream").booleanValue()) {
            throw Rejections.streamingUnsupported("OpenAI Responses API");
        }
    }
}
