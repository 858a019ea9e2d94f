package io.inferencegateway.gateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/** Batch-input-like lines of one width, generated as they are read: a large upload without a large array. */
final class JsonlStream extends InputStream {

    private final long lines;
    private final int width;
    private final LongConsumer progress;
    private final byte[] line;
    private long lineIndex;
    private int position;
    private long produced;

    JsonlStream(long lines, int width) {
        this(lines, width, produced -> { });
    }

    /** {@code progress} hears the number of bytes produced so far after every read. */
    JsonlStream(long lines, int width, LongConsumer progress) {
        this.lines = lines;
        this.width = width;
        this.progress = progress;
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
        produced += n;
        if (position == width) {
            lineIndex++;
            position = 0;
            render();
        }
        progress.accept(produced);
        return n;
    }

    private void render() {
        byte[] start = ("{\"custom_id\": \"request-" + lineIndex + "\", \"method\": \"POST\", \"url\": "
                + "\"/v1/chat/completions\", \"body\": {\"model\": \"model-a\", \"input\": \"")
                .getBytes(StandardCharsets.UTF_8);
        Arrays.fill(line, (byte) ('a' + lineIndex % 26));
        System.arraycopy(start, 0, line, 0, start.length);
        line[width - 4] = '"';
        line[width - 3] = '}';
        line[width - 2] = '}';
        line[width - 1] = '\n';
    }

    /** Whether {@code actual} holds exactly {@code expected}'s bytes, compared a piece at a time. */
    static boolean sameContent(InputStream actual, InputStream expected) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        while (true) {
            int n = actual.readNBytes(a, 0, a.length);
            int m = expected.readNBytes(e, 0, e.length);
            if (n != m || !Arrays.equals(a, 0, n, e, 0, m)) {
                return false;
            }
            if (n < a.length) {
                return true;
            }
        }
    }
}
