package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI's text-or-tokens union, the {@code prompt} of a completion and the {@code input} of an embedding: a string,
 * an array of strings, an array of token ids, or an array of token-id arrays. The first item decides which array
 * form the client meant, so an error names the first item that breaks it.
 */
final class PromptInput {

    private static final String EXPECTED =
            "a string, an array of strings, an array of token ids or an array of token id arrays";

    // Vocabularies are far below 2^31; a larger id would overflow the backend's tensors rather than fail cleanly.
    private static final Rule TOKEN_ID = Rules.integer(0, Integer.MAX_VALUE);
    private static final Rule TOKEN_IDS = Rules.nonEmptyArrayOf(TOKEN_ID);
    private static final Rule TEXT = Rules.nonEmptyString();

    private PromptInput() {
    }

    /** The union with at most {@code maxItems} items in its array forms. */
    static Rule withAtMost(int maxItems) {
        return (value, path) -> {
            if (value.isTextual()) {
                TEXT.check(value, path);
                return;
            }
            Rules.checkArray(value, path, EXPECTED, 1, maxItems);
            JsonNode first = value.get(0);
            Rule item;
            if (first.isTextual()) {
                item = TEXT;
            } else if (first.isArray()) {
                item = TOKEN_IDS;
            } else if (first.isNumber()) {
                item = TOKEN_ID;
            } else {
                throw Rejections.invalidType(path.index(0), "a string, a token id or an array of token ids", first);
            }
            for (int i = 0; i < value.size(); i++) {
                item.check(value.get(i), path.index(i));
            }
        };
    }
}
