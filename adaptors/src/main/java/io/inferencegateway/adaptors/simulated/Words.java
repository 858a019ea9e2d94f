package io.inferencegateway.adaptors.simulated;

import java.util.List;

/**
 * The simulated model's vocabulary and how it picks words. The word at a position depends only on the seed and
 * the position, so a stream can produce its tokens one by one and a shorter answer is a prefix of a longer one.
 */
final class Words {

    // Plain alphabetic words: each is exactly one token for the Tokenizer, so an answer of k words has k tokens.
    private static final List<String> VOCABULARY = List.of(
            "the", "model", "answers", "with", "simulated", "tokens", "for", "your", "request", "and", "gateway",
            "routes", "every", "stream", "through", "a", "cluster", "of", "quiet", "machines", "that", "never",
            "tire", "while", "benchmarks", "measure", "latency", "in", "small", "steps", "as", "each", "reply",
            "arrives", "on", "time", "so", "tests", "stay", "deterministic", "here", "is", "one", "more", "word",
            "about", "nothing", "much", "but", "it", "reads", "like", "language", "to", "load", "generators",
            "counting", "bytes", "seconds", "queues", "workers", "batches", "always", "done");

    private Words() {
    }

    /** The word at {@code position} of the answer seeded with {@code seed}. */
    static String at(long seed, int position) {
        long mixed = Hashing.mix(seed + 0x9E3779B97F4A7C15L * (position + 1L));
        return VOCABULARY.get((int) Long.remainderUnsigned(mixed, VOCABULARY.size()));
    }

    /** The first {@code count} words joined by single spaces. */
    static String text(long seed, int count) {
        StringBuilder text = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(at(seed, i));
        }
        return text.toString();
    }

    /** What a stream sends for the token at {@code position}: the word, after a space unless it is the first. */
    static String piece(long seed, int position) {
        String word = at(seed, position);
        return position == 0 ? word : " " + word;
    }
}
