package io.inferencegateway.adaptors.simulated;

/**
 * One prompt (or one embedding input) as the simulator sees it.
 *
 * @param hash   a fingerprint of the content, the seed of everything generated from it
 * @param tokens its length in {@link Tokenizer} tokens (or the array's length for token ids)
 */
record Prompt(long hash, int tokens) {
}
