package io.inferencegateway.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads JSONL line by line with a cap on each line's bytes: a longer line is refused as soon as it passes the cap,
 * so content without newlines never fills memory (a 700 MB one-line file once took the worker's heap with it).
 * A line ends with {@code \n}; a {@code \r} before it and a UTF-8 byte order mark before the first line are dropped;
 * bytes that are not UTF-8 become U+FFFD, as with an {@code InputStreamReader}.
 */
public final class BoundedLineReader implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int end;
    private byte[] line = new byte[8 * 1024];
    private int length;
    private int lineNumber;
    private boolean exhausted;

    public BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its terminator, or null at the end of the content. */
    public String readLine() throws IOException {
        if (exhausted) {
            return null;
        }
        length = 0;
        boolean started = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer);
                position = 0;
                if (end < 0) {
                    end = 0;
                    exhausted = true;
                    return started ? finish() : null;
                }
                continue;
            }
            started = true;
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            append(stop - position);
            position = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return finish();
            }
        }
    }

    /** The 1-based number of the line {@link #readLine()} returned last. */
    public int lineNumber() {
        return lineNumber;
    }

    private int indexOfNewline() {
        for (int i = position; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) throws LineTooLongException {
        if (count > maxLineBytes - length) {
            // Refused before the bytes are kept: memory stays within the cap whatever follows.
            throw new LineTooLongException(lineNumber + 1, maxLineBytes);
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(length + count, 2 * line.length)));
        }
        System.arraycopy(buffer, position, line, length, count);
        length += count;
    }

    private String finish() {
        lineNumber++;
        int from = 0;
        if (lineNumber == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            from = 3;
        }
        int to = length > from && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
