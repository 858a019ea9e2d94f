package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The generation parameters the simulator honours, read and checked from an OpenAI request body.
 *
 * @param model        the requested model, echoed in the answer
 * @param n            answers per prompt
 * @param maxTokens    the request's {@code max_completion_tokens} or {@code max_tokens}; 0 when it sets neither
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param seed         the request's {@code seed}, 0 when absent; mixed into the prompt's seed
 */
record RequestOptions(String model, int n, int maxTokens, boolean includeUsage, long seed) {

    static final int MAX_CHOICES = 128;

    static RequestOptions read(JsonNode body) {
        String model = model(body);
        int n = intParam(body, "n", 1, MAX_CHOICES, 1);
        int maxTokens = intParam(body, "max_completion_tokens", 1, SimulatedSettings.MAX_TOKENS, 0);
        if (maxTokens == 0) {
            maxTokens = intParam(body, "max_tokens", 1, SimulatedSettings.MAX_TOKENS, 0);
        }
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.isNull() && !seed.canConvertToExactIntegral()) {
            throw new InvalidRequestException("seed", "'seed' must be an integer.");
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new RequestOptions(model, n, maxTokens, includeUsage, seed == null ? 0 : seed.asLong());
    }

    /** The request's {@code model}, which every OpenAI route requires. */
    static String model(JsonNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new InvalidRequestException("model", "'model' is required and must be a non-empty string.");
        }
        return model.asText();
    }

    /** How many tokens each answer has: the request's limit when it sets one, else the model's habit. */
    int answerTokens(SimulatedSettings settings) {
        return maxTokens > 0 ? maxTokens : settings.completionTokens();
    }

    /** The simulated model always talks until stopped, so a limit is always what ends the answer. */
    String finishReason() {
        return maxTokens > 0 ? "length" : "stop";
    }

    private static int intParam(JsonNode body, String name, int min, int max, int absent) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw new InvalidRequestException(name, "'" + name + "' must be an integer from " + min + " to " + max
                    + ", got " + node + ".");
        }
        return node.asInt();
    }
}
