package io.inferencegateway.adaptors.simulated;

/**
 * The simulator's tokenizer: a run of letters or digits is one token and every other visible character is a
 * token of its own. Crude, but deterministic, cheap and applied to prompts and answers alike, so usage adds up.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    static int count(CharSequence text) {
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    tokens++;
                }
            }
        }
        return tokens;
    }
}
