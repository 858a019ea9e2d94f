package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one answer, from its {@code usage} object.
 *
 * @param promptTokens     tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens      both; what token limits count
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {

    public static final Usage NONE = new Usage(0, 0, 0);

    /** Reads an OpenAI {@code usage} object; missing fields count as 0, a missing total as the sum. */
    public static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        int prompt = usage.path("prompt_tokens").asInt(usage.path("input_tokens").asInt(0));
        int completion = usage.path("completion_tokens").asInt(usage.path("output_tokens").asInt(0));
        int total = usage.path("total_tokens").asInt(prompt + completion);
        return new Usage(prompt, completion, total);
    }

    public boolean isKnown() {
        return this != NONE && totalTokens > 0;
    }
}
