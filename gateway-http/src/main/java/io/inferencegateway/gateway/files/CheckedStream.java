package io.inferencegateway.gateway.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that looks at an upload's bytes as they pass, in blocks: subclasses override only
 * {@link #read(byte[], int, int)} (calling {@code super} for the bytes), and a single-byte read goes through it too,
 * so no byte escapes their check.
 */
abstract class CheckedStream extends FilterInputStream {

    CheckedStream(InputStream in) {
        super(in);
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }
}
