package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates an Anthropic Messages body leniently, as FIRST does: the essentials are checked, the rest passes. */
final class MessagesValidator {

    private static final Rule MESSAGE = Rules.object(FieldTable.builder()
            .required("role", Rules.oneOf("user", "assistant"))
            .required("content", (value, path) -> {
                if (!value.isTextual() && !value.isArray()) {
                    throw Rejections.invalidType(path, "a string or an array of content blocks", value);
                }
            })
            .build());

    private static final FieldTable FIELDS = FieldTable.builder()
            .required("model", Rules.nonEmptyString())
            .required("max_tokens", Rules.integerAtLeast(1))
            .required("messages", Rules.nonEmptyArrayOf(MESSAGE))
            .optional("stream", Rules.bool())
            .build();

    private MessagesValidator() {
    }

    static void validate(ObjectNode body) {
        FIELDS.check(body, FieldPath.root());
        if (body.path("stream").booleanValue()) {
            throw Rejections.streamingUnsupported("Anthropic Messages API");
        }
    }
}
