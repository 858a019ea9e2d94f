package io.inferencegateway.gateway.files;

import io.inferencegateway.gateway.http.ApiException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body of an upload: refused past {@code allowance} bytes (the file limit plus room for the form around
 * it), and a failure to read it, a client that went away, told apart from a failure to store it.
 */
final class UploadBody extends InputStream {

    private final InputStream in;
    private final long allowance;
    private final ApiException tooLarge;
    private long read;

    UploadBody(InputStream in, long allowance, ApiException tooLarge) {
        this.in = in;
        this.allowance = allowance;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (read > allowance) {
            throw new UploadRefused(tooLarge);
        }
        int n;
        try {
            // One byte past the allowance is enough to know it was passed.
            n = in.read(buffer, offset, (int) Math.min(length, allowance - read + 1));
        } catch (IOException e) {
            throw new UploadRefused(new ApiException(400, "upload_interrupted",
                    "The upload was interrupted before the request body was complete."));
        }
        if (n > 0) {
            read += n;
            if (read > allowance) {
                throw new UploadRefused(tooLarge);
            }
        }
        return n;
    }

    /**
     * Reads what the client is still sending, within the allowance, so that it can read the refusal instead of
     * losing it to a connection closed under its request.
     */
    void drain() {
        byte[] discard = new byte[16 * 1024];
        try {
            while (read <= allowance && read(discard, 0, discard.length) != -1) {
                // Discarded.
            }
        } catch (IOException e) {
            // Past the allowance or the client is gone: the connection closes after the answer.
        }
    }
}
