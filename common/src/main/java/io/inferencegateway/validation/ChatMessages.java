package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code messages} of a chat completion, each checked by its role as OpenAI defines it. */
final class ChatMessages {

    private static final Rule ROLE = Rules.oneOf("system", "developer", "user", "assistant", "tool", "function");

    private static final FieldTable ANY_ROLE = FieldTable.builder()
            .optional("name", Rules.string())
            .build();

    private static final FieldTable FUNCTION_CALL = FieldTable.builder()
            .required("name", Rules.string())
            .required("arguments", Rules.string())
            .build();

    private static final FieldTable ASSISTANT = FieldTable.builder()
            .optional("refusal", Rules.string())
            .optional("tool_calls", Rules.arrayOf(Rules.object(FieldTable.builder()
                    .required("id", Rules.string())
                    .required("type", Rules.oneOf("function"))
                    .required("function", Rules.object(FUNCTION_CALL))
                    .build())))
            .optional("function_call", Rules.object(FUNCTION_CALL))
            .build();

    private static final FieldTable TOOL = FieldTable.builder()
            .required("tool_call_id", Rules.string())
            .build();

    // The deprecated function role still comes from older LangChain agents.
    private static final FieldTable FUNCTION = FieldTable.builder()
            .required("name", Rules.string())
            .optional("content", Rules.string())
            .build();

    /** A non-empty array of messages. */
    static final Rule RULE = (value, path) -> {
        Rules.checkArray(value, path, "an array", 1, Integer.MAX_VALUE);
        for (int i = 0; i < value.size(); i++) {
            message(value.get(i), path.index(i));
        }
    };

    private ChatMessages() {
    }

    private static void message(JsonNode message, FieldPath path) {
        Rules.anyObject().check(message, path);
        FieldPath rolePath = path.field("role");
        JsonNode role = message.get("role");
        if (role == null || role.isNull()) {
            throw Rejections.missing(rolePath);
        }
        ROLE.check(role, rolePath);
        ANY_ROLE.check(message, path);
        FieldPath contentPath = path.field("content");
        JsonNode content = message.get("content");
        switch (role.textValue()) {
            case "user" -> MessageContent.check(content, contentPath, MessageContent.USER, "user");
            case "assistant" -> assistant(message, path, content, contentPath);
            case "tool" -> {
                TOOL.check(message, path);
                MessageContent.check(content, contentPath, MessageContent.TEXT_ONLY, "tool");
            }
            case "function" -> FUNCTION.check(message, path);
            default -> MessageContent.check(content, contentPath, MessageContent.TEXT_ONLY, role.textValue());
        }
    }

    private static void assistant(JsonNode message, FieldPath path, JsonNode content, FieldPath contentPath) {
        ASSISTANT.check(message, path);
        if (content == null || content.isNull()) {
            // OpenAI: content is "required unless tool_calls or function_call is specified".
            if (Rules.present(message, "tool_calls") || Rules.present(message, "function_call")) {
                return;
            }
        }
        MessageContent.check(content, contentPath, MessageContent.ASSISTANT, "assistant");
    }
}
