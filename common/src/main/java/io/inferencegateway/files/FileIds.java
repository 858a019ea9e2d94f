package io.inferencegateway.files;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** File ids in OpenAI's shape: {@code file-} and 24 random base62 characters. */
public final class FileIds {

    private static final String PREFIX = "file-";
    private static final int RANDOM_LENGTH = 24;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Any id a client may quote: ours, or one of OpenAI's; never longer than the {@code files.id} column. */
    private static final Pattern WELL_FORMED = Pattern.compile("file-[A-Za-z0-9_-]{1,59}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private FileIds() {
    }

    public static String next() {
        StringBuilder id = new StringBuilder(PREFIX.length() + RANDOM_LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            id.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return id.toString();
    }

    /** Whether {@code id} could name a file; anything else is answered as "not found" without a query. */
    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
