package io.inferencegateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Deterministic JSONL-like lines of a fixed width, produced on demand: large content without a large array. */
final class GeneratedLines extends InputStream {

    private final long lines;
    private final int width;
    private final byte[] line;
    private long lineIndex;
    private int position;

    /** {@code lines} lines of {@code width} bytes each, the last byte of each a newline. */
    GeneratedLines(long lines, int width) {
        this.lines = lines;
        this.width = width;
        this.line = new byte[width];
        render();
    }

    long size() {
        return lines * width;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (lineIndex >= lines) {
            return -1;
        }
        int n = Math.min(length, width - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        if (position == width) {
            lineIndex++;
            position = 0;
            render();
        }
        return n;
    }

    private void render() {
        Arrays.fill(line, (byte) ('a' + (lineIndex % 26)));
        byte[] number = ("{\"n\":" + lineIndex + ",\"pad\":\"").getBytes();
        System.arraycopy(number, 0, line, 0, Math.min(number.length, width - 1));
        line[width - 1] = '\n';
    }

    /** Whether {@code actual} holds exactly {@code expected}'s bytes, read in pieces of {@code piece} bytes. */
    static boolean sameAs(InputStream actual, InputStream expected, int piece) throws IOException {
        byte[] a = new byte[piece];
        byte[] e = new byte[piece];
        while (true) {
            int n = actual.readNBytes(a, 0, piece);
            int m = expected.readNBytes(e, 0, piece);
            if (n != m || !Arrays.equals(a, 0, n, e, 0, m)) {
                return false;
            }
            if (n < piece) {
                return true;
            }
        }
    }
}
