package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.text.Excerpt;

/**
 * The rejections a malformed request gets (400s on the HTTP routes), worded like OpenAI's. A message quotes the
 * client's value only through {@link Excerpt}: a request may carry a 5 MB string where a number belongs, and the error
 * must stay small.
 */
final class Rejections {

    static final String INVALID_JSON = "invalid_json";
    static final String MISSING = "missing_required_parameter";
    static final String INVALID_TYPE = "invalid_type";
    static final String INVALID_VALUE = "invalid_value";

    private Rejections() {
    }

    static RequestRejected missing(FieldPath path) {
        return new RequestRejected(MISSING, "Missing required parameter: '" + path + "'.", path.toString());
    }

    /** The value has the wrong JSON type; {@code expected} reads like "a string or an array of strings". */
    static RequestRejected invalidType(FieldPath path, String expected, JsonNode actual) {
        return new RequestRejected(INVALID_TYPE,
                "Invalid type for '" + path + "': expected " + expected + ", but got " + describe(actual) + " instead.",
                path.toString());
    }

    /** The value has the right type but is not allowed; {@code requirement} reads like "must be at most 4". */
    static RequestRejected invalidValue(FieldPath path, String requirement, JsonNode actual) {
        return new RequestRejected(INVALID_VALUE, "'" + path + "' " + requirement + ", got " + quote(actual),
                path.toString());
    }

    /** A rule that spans fields, where quoting one value would not explain it. */
    static RequestRejected invalidValue(FieldPath path, String message) {
        return new RequestRejected(INVALID_VALUE, message, path.toString());
    }

    /** {@code stream: true} on a route this gateway answers only as a whole, as FIRST does. */
    static RequestRejected streamingUnsupported(String api) {
        return new RequestRejected("unsupported_endpoint", "Streaming is not supported for the " + api
                + " on this gateway. Re-issue the request with 'stream': false.", "stream");
    }

    /** The JSON type of a value, as an error message names it. */
    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            default -> "an unsupported value";
        };
    }

    /** The value itself for scalars, shortened; its type for containers. */
    static String quote(JsonNode value) {
        if (value.isTextual()) {
            return "'" + Excerpt.of(value.textValue()) + "'";
        }
        if (value.isNumber() || value.isBoolean()) {
            return Excerpt.of(value.asText());
        }
        return describe(value);
    }
}
