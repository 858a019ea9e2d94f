package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The building blocks of the route schemas: JSON types, ranges, enumerations and arrays. */
final class Rules {

    private Rules() {
    }

    static Rule string() {
        return (value, path) -> {
            if (!value.isTextual()) {
                throw Rejections.invalidType(path, "a string", value);
            }
        };
    }

    static Rule nonEmptyString() {
        return (value, path) -> {
            string().check(value, path);
            if (value.textValue().isEmpty()) {
                throw Rejections.invalidValue(path, "must not be empty", value);
            }
        };
    }

    /** A string matching {@code pattern} in full; {@code description} says what the pattern allows. */
    static Rule matching(Pattern pattern, String description) {
        return (value, path) -> {
            string().check(value, path);
            if (!pattern.matcher(value.textValue()).matches()) {
                throw Rejections.invalidValue(path, "must be " + description, value);
            }
        };
    }

    static Rule bool() {
        return (value, path) -> {
            if (!value.isBoolean()) {
                throw Rejections.invalidType(path, "a boolean", value);
            }
        };
    }

    static Rule anyObject() {
        return (value, path) -> {
            if (!value.isObject()) {
                throw Rejections.invalidType(path, "an object", value);
            }
        };
    }

    static Rule object(FieldTable fields) {
        return (value, path) -> {
            anyObject().check(value, path);
            fields.check(value, path);
        };
    }

    /** A finite number in {@code [min, max]}. */
    static Rule number(double min, double max) {
        String requirement = min == -Double.MAX_VALUE ? "must be a finite number"
                : "must be a number between " + format(min) + " and " + format(max);
        return (value, path) -> {
            if (!value.isNumber()) {
                throw Rejections.invalidType(path, "a number", value);
            }
            double number = value.doubleValue();
            if (!(number >= min && number <= max)) {
                throw Rejections.invalidValue(path, requirement, value);
            }
        };
    }

    static Rule anyNumber() {
        return number(-Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** A finite number strictly greater than {@code exclusiveMin}. */
    static Rule numberAbove(double exclusiveMin) {
        return (value, path) -> {
            anyNumber().check(value, path);
            if (!(value.doubleValue() > exclusiveMin)) {
                throw Rejections.invalidValue(path, "must be a number > " + format(exclusiveMin), value);
            }
        };
    }

    /**
     * An integer in {@code [min, max]}. JSON has one number type, so {@code 2.0} counts as the integer 2: Python
     * clients send it for {@code max_tokens=2.0}, and vLLM's pydantic models accept it.
     */
    static Rule integer(long min, long max) {
        String requirement = "must be an integer " + (max == Long.MAX_VALUE
                ? (min == Long.MIN_VALUE ? "in the 64-bit range" : ">= " + min)
                : "between " + min + " and " + max);
        return (value, path) -> {
            if (!value.isIntegralNumber() && !isWholeNumber(value)) {
                throw Rejections.invalidType(path, "an integer", value);
            }
            if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
                throw Rejections.invalidValue(path, requirement, value);
            }
        };
    }

    static Rule integerAtLeast(long min) {
        return integer(min, Long.MAX_VALUE);
    }

    /** A decimal such as {@code 2.0} that denotes an integer. */
    static boolean isWholeNumber(JsonNode value) {
        return value.isFloatingPointNumber() && value.canConvertToExactIntegral();
    }

    /** One of a fixed set of strings. */
    static Rule oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        String requirement = values.size() == 1 ? "must be '" + allowed[0] + "'"
                : "must be one of " + values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
        return (value, path) -> {
            string().check(value, path);
            if (!values.contains(value.textValue())) {
                throw Rejections.invalidValue(path, requirement, value);
            }
        };
    }

    /** An array of any length whose items each pass {@code item}. */
    static Rule arrayOf(Rule item) {
        return arrayOf(item, 0, Integer.MAX_VALUE);
    }

    static Rule nonEmptyArrayOf(Rule item) {
        return arrayOf(item, 1, Integer.MAX_VALUE);
    }

    static Rule arrayOf(Rule item, int minItems, int maxItems) {
        return (value, path) -> {
            checkArray(value, path, "an array", minItems, maxItems);
            for (int i = 0; i < value.size(); i++) {
                item.check(value.get(i), path.index(i));
            }
        };
    }

    /** Checks that {@code value} is an array ({@code expected} names the type otherwise) of an allowed length. */
    static void checkArray(JsonNode value, FieldPath path, String expected, int minItems, int maxItems) {
        if (!value.isArray()) {
            throw Rejections.invalidType(path, expected, value);
        }
        if (value.size() < minItems) {
            throw Rejections.invalidValue(path, minItems == 1 ? "'" + path + "' must not be an empty array"
                    : "'" + path + "' must have at least " + minItems + " items, got " + value.size());
        }
        if (value.size() > maxItems) {
            throw Rejections.invalidValue(path,
                    "'" + path + "' must have at most " + maxItems + " items, got " + value.size());
        }
    }

    static Rule stringOrArrayOfStrings() {
        Rule item = string();
        return (value, path) -> {
            if (value.isTextual()) {
                return;
            }
            checkArray(value, path, "a string or an array of strings", 0, Integer.MAX_VALUE);
            for (int i = 0; i < value.size(); i++) {
                item.check(value.get(i), path.index(i));
            }
        };
    }

    static Rule stringOrObject() {
        return (value, path) -> {
            if (!value.isTextual() && !value.isObject()) {
                throw Rejections.invalidType(path, "a string or an object", value);
            }
        };
    }

    /** True when the field is there and not null: OpenAI reads a null optional field as not given. */
    static boolean present(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && !value.isNull();
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
