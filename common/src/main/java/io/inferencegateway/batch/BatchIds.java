package io.inferencegateway.batch;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Batch ids: {@code batch_} and 24 random base62 characters (about 143 bits), unguessable like OpenAI's. */
public final class BatchIds {

    public static final String PREFIX = "batch_";
    static final int RANDOM_CHARS = 24;

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern WELL_FORMED = Pattern.compile("batch_[0-9A-Za-z]{" + RANDOM_CHARS + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BatchIds() {
    }

    public static String newId() {
        StringBuilder id = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return id.toString();
    }

    /** Whether {@code id} could have come from {@link #newId()}: a cheap check before any query. */
    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
