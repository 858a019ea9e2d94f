package io.inferencegateway.adaptors.simulated;

/**
 * Everything that decides one generated answer, computed once and rendered either as one body or as chunks.
 *
 * @param id           the response id ({@code chatcmpl-...} or {@code cmpl-...})
 * @param created      Unix seconds
 * @param model        the requested model
 * @param chat         a chat completion (true) or a legacy text completion (false)
 * @param choiceSeeds  one seed per choice, in choice order
 * @param tokens       tokens in each choice
 * @param finishReason {@code stop} or {@code length}
 * @param promptTokens tokens in all the prompts together
 */
record Completion(String id, long created, String model, boolean chat, long[] choiceSeeds, int tokens,
                  String finishReason, int promptTokens) {

    int choices() {
        return choiceSeeds.length;
    }

    int completionTokens() {
        return choiceSeeds.length * tokens;
    }
}
