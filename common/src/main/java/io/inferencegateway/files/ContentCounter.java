package io.inferencegateway.files;

import java.util.Locale;

/**
 * Counts the bytes and lines of content as it streams past and refuses it the moment it exceeds its limits. A line
 * is what ends in {@code \n}, plus a last line without one; {@code \r\n} ends one line.
 */
final class ContentCounter {

    private final FileLimits limits;
    private long bytes;
    private long newlines;
    private boolean openLine;

    ContentCounter(FileLimits limits) {
        this.limits = limits;
    }

    void count(byte[] buffer, int offset, int length) throws FileTooLargeException {
        bytes += length;
        if (bytes > limits.maxBytes()) {
            throw new FileTooLargeException(FileTooLargeException.Limit.BYTES,
                    "The file exceeds the " + limits.describeMaxBytes() + " limit.");
        }
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                newlines++;
            }
        }
        if (length > 0) {
            openLine = buffer[offset + length - 1] != '\n';
        }
        if (lines() > limits.maxLines()) {
            throw new FileTooLargeException(FileTooLargeException.Limit.LINES,
                    String.format(Locale.ROOT, "The file has more than %,d lines.", limits.maxLines()));
        }
    }

    long bytes() {
        return bytes;
    }

    long lines() {
        return newlines + (openLine ? 1 : 0);
    }
}
