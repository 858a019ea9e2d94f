package io.inferencegateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads an upload in buffer-sized pieces while counting it against its limits and hashing it. */
final class CountingReader implements ChunkSource {

    private final InputStream content;
    private final ContentCounter counter;
    private final MessageDigest digest;

    CountingReader(InputStream content, FileLimits limits) {
        this.content = content;
        this.counter = new ContentCounter(limits);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int fill(byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = content.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            counter.count(buffer, filled, n);
            digest.update(buffer, filled, n);
            filled += n;
        }
        return filled;
    }

    /** Reads what is there, up to {@code buffer}'s length; -1 at the end. */
    int read(byte[] buffer) throws IOException {
        int n = content.read(buffer);
        if (n > 0) {
            counter.count(buffer, 0, n);
            digest.update(buffer, 0, n);
        }
        return n;
    }

    @Override
    public long bytes() {
        return counter.bytes();
    }

    @Override
    public long lines() {
        return counter.lines();
    }

    @Override
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
