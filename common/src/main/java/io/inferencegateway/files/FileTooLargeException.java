package io.inferencegateway.files;

import java.io.IOException;

/** The content went past a {@link FileLimits} bound while it was being stored; nothing was kept. */
public class FileTooLargeException extends IOException {

    /** Which bound was passed. */
    public enum Limit { BYTES, LINES }

    private final Limit limit;

    public FileTooLargeException(String message) {
        this(Limit.BYTES, message);
    }

    public FileTooLargeException(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
