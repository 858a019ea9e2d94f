package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The prompt tokens of a request body as the simulator counts them ({@link Tokenizer}: a word or a sign is a token):
 * what the simulated models report as {@code prompt_tokens}, and the estimate the batch worker counts a batch's
 * enqueued tokens with. It is no real model's tokenizer; BPE tokenizers count English at roughly 1.3 tokens a word.
 */
public final class PromptTokens {

    private PromptTokens() {
    }

    /**
     * The estimate for one request; never fails. A body the route would refuse (the line then fails on its own) is
     * counted whole, JSON and all.
     *
     * @param route the OpenAI route without {@code /v1/}, e.g. {@code chat/completions}
     */
    public static long estimate(String route, JsonNode body) {
        try {
            return switch (route) {
                case "chat/completions" -> PromptReader.chat(body.get("messages")).tokens();
                case "completions" -> sum(PromptReader.texts(body.get("prompt"), "prompt"));
                case "embeddings" -> sum(PromptReader.texts(body.get("input"), "input"));
                case "responses" -> responses(body.get("input"));
                default -> whole(body);
            };
        } catch (InvalidRequestException e) {
            return whole(body);
        }
    }

    /** The Responses API's input: a string, or a list of items read like chat messages. */
    private static long responses(JsonNode input) {
        if (input != null && input.isArray() && !input.isEmpty() && input.get(0).isObject()) {
            return PromptReader.chat(input).tokens();
        }
        return sum(PromptReader.texts(input, "input"));
    }

    private static long sum(List<Prompt> prompts) {
        long tokens = 0;
        for (Prompt prompt : prompts) {
            tokens += prompt.tokens();
        }
        return tokens;
    }

    private static long whole(JsonNode body) {
        return body == null ? 0 : Tokenizer.count(body.toString());
    }
}
