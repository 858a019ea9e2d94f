package io.inferencegateway.adaptors.simulated;

/** The 64-bit hashing that turns prompt content into seeds: FNV-1a to absorb text, SplitMix64 to scramble. */
final class Hashing {

    static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Hashing() {
    }

    /** Folds the characters of {@code text} into {@code hash}. */
    static long absorb(long hash, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * PRIME;
        }
        return hash;
    }

    /** Folds one number into {@code hash} (token ids, separators, choice indexes). */
    static long absorb(long hash, long value) {
        hash = (hash ^ (value & 0xFFFFFFFFL)) * PRIME;
        return (hash ^ (value >>> 32)) * PRIME;
    }

    /** SplitMix64's finalizer: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
