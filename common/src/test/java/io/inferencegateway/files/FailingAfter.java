package io.inferencegateway.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Content that breaks off with {@code failure} after {@code bytes} bytes, as a dropped upload does. */
final class FailingAfter extends FilterInputStream {

    private final IOException failure;
    private long remaining;

    FailingAfter(InputStream content, long bytes, IOException failure) {
        super(content);
        this.remaining = bytes;
        this.failure = failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            throw failure;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, remaining));
        remaining -= Math.max(n, 0);
        return n;
    }
}
