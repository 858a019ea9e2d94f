package io.inferencegateway.paths;

import io.inferencegateway.text.Excerpt;

/**
 * A FIRST-style batch path that may not be used: outside the user's roots, through a symbolic link, missing, or of
 * the wrong kind. gateway-http answers it with a 400, a worker fails the batch with it; both say {@link #code()},
 * {@link #param()} and the message.
 */
public final class PathRefused extends Exception {

    public static final String CODE = "invalid_path";
    /** A path is quoted in messages up to this many characters. */

    private final String param;

    public PathRefused(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    public String code() {
        return CODE;
    }

    /** The request field the path came from: {@code input_file} or {@code output_folder_path}. */
    public String param() {
        return param;
    }

    static String quote(String path) {
        return "'" + Excerpt.of(path) + "'";
    }
}
