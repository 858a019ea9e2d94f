package io.inferencegateway.gateway.http;

import io.inferencegateway.text.Excerpt;

/** Query parameters read the one way every route reads them: a bad value is a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code value} as a whole number from {@code min} to {@code max}, or {@code absent} when it is not given. */
    public static int wholeNumber(String name, String value, int absent, int min, int max) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below, like any other value out of range.
        }
        throw ApiException.badRequest("invalid_value", "'" + name + "' must be a whole number from " + min + " to "
                + max + ", got '" + Excerpt.of(value) + "'.", name);
    }
}
