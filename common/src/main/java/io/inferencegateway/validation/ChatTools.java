package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** A chat completion's {@code tools} and {@code tool_choice}, and how the two must agree. */
final class ChatTools {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    // vLLM defaults a missing type to "function"; OpenAI's SDKs always send it.
    static final Rule TOOLS = Rules.arrayOf(Rules.object(FieldTable.builder()
            .optional("type", Rules.oneOf("function"))
            .required("function", Rules.object(FieldTable.builder()
                    .required("name", Rules.matching(NAME, "1 to 64 letters, digits, underscores or dashes"))
                    .optional("description", Rules.string())
                    .optional("parameters", Rules.anyObject())
                    .optional("strict", Rules.bool())
                    .build()))
            .build()));

    private static final Rule MODE = Rules.oneOf("none", "auto", "required");

    private static final FieldTable NAMED_CHOICE = FieldTable.builder()
            .optional("type", Rules.oneOf("function"))
            .required("function", Rules.object(FieldTable.builder()
                    .required("name", Rules.string())
                    .build()))
            .build();

    static final Rule TOOL_CHOICE = (value, path) -> {
        if (value.isTextual()) {
            MODE.check(value, path);
        } else if (value.isObject()) {
            NAMED_CHOICE.check(value, path);
        } else {
            throw Rejections.invalidType(path, "a string or an object", value);
        }
    };

    private ChatTools() {
    }

    /** OpenAI and vLLM both refuse a tool choice without tools, or naming a tool that was not declared. */
    static void checkChoiceAgainstTools(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull() || "none".equals(choice.textValue())) {
            return;
        }
        FieldPath choicePath = FieldPath.root().field("tool_choice");
        JsonNode tools = body.get("tools");
        if (tools == null || tools.isNull()) {
            throw Rejections.invalidValue(choicePath, "'tool_choice' is only allowed when 'tools' are specified.");
        }
        if (!choice.isObject()) {
            return;
        }
        JsonNode name = choice.path("function").path("name");
        for (JsonNode tool : tools) {
            if (tool.path("function").path("name").equals(name)) {
                return;
            }
        }
        throw Rejections.invalidValue(choicePath.field("function").field("name"),
                "must name one of the declared 'tools'", name);
    }
}
