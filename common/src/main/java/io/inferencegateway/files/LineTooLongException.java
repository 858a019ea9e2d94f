package io.inferencegateway.files;

import java.io.IOException;
import java.util.Locale;

/** A line of an input file is longer than its reader allows; nothing after it was read. */
public final class LineTooLongException extends IOException {

    private final int lineNumber;
    private final int limit;

    public LineTooLongException(int lineNumber, int limit) {
        super(String.format(Locale.ROOT, "Line %d is longer than %,d bytes, the most one request line may hold.",
                lineNumber, limit));
        this.lineNumber = lineNumber;
        this.limit = limit;
    }

    /** 1-based number of the line. */
    public int lineNumber() {
        return lineNumber;
    }

    public int limit() {
        return limit;
    }
}
