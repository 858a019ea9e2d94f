package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.CompletionWindow;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.text.Excerpt;
import java.util.Iterator;
import java.util.Set;

/** The field checks of the batch-creation bodies, each a 400 naming the field, worded like OpenAI's. */
final class BodyFields {

    private BodyFields() {
    }

    /** Refuses any field outside {@code known}, as OpenAI and FIRST's {@code extra=forbid} do. */
    static void onlyKnown(ObjectNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown_parameter", "Unrecognized request argument supplied: "
                        + Excerpt.of(name) + ".", Excerpt.of(name));
            }
        }
    }

    /** A string field that must be present and non-empty. */
    static String requiredString(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("missing_required_parameter", "Missing required parameter: '" + name + "'.",
                    name);
        }
        return nonEmpty(name, value);
    }

    /** A string field that may be absent or null, but not empty. */
    static String optionalString(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : nonEmpty(name, value);
    }

    private static String nonEmpty(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw invalidType(name, "a string", value);
        }
        if (value.textValue().isEmpty()) {
            throw invalidValue(name, "'" + name + "' must not be empty.");
        }
        return value.textValue();
    }

    /** The {@code completion_window} a client named; a malformed one is a 400 that says what is accepted. */
    static CompletionWindow completionWindow(String text) {
        try {
            return CompletionWindow.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalidValue("completion_window", "Invalid value for 'completion_window': '" + Excerpt.of(text)
                    + "'. " + e.getMessage());
        }
    }

    static ApiException invalidType(String name, String expected, JsonNode actual) {
        return ApiException.badRequest("invalid_type", "Invalid type for '" + name + "': expected " + expected
                + ", but got " + describe(actual) + " instead.", name);
    }

    static ApiException invalidValue(String name, String message) {
        return ApiException.badRequest("invalid_value", message, name);
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            default -> "null";
        };
    }
}
