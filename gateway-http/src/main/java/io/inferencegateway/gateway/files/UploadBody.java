package io.inferencegateway.gateway.files;

import io.inferencegateway.gateway.http.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;

/**
 * The request body of an upload as the form parser reads it: a failure to read it, a client that went away, told apart
 * from a failure to store it, and the bytes read counted so that a refused upload can be drained.
 */
final class UploadBody extends InputStream {

    private final HttpServletRequest request;
    private final InputStream in;
    private final long allowance;
    private long read;

    UploadBody(HttpServletRequest request, long allowance) throws IOException {
        this.request = request;
        this.in = request.getInputStream();
        this.allowance = allowance;
    }

    /** The request as the parser sees it, its body read through this stream. */
    RequestContext context() {
        return new JakartaServletRequestContext(request) {
            @Override
            public InputStream getInputStream() {
                return UploadBody.this;
            }
        };
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw new UploadRefused(new ApiException(400, "upload_interrupted",
                    "The upload was interrupted before the request body was complete."));
        }
        if (n > 0) {
            read += n;
        }
        return n;
    }

    /**
     * Reads what the client is still sending, up to the allowance in all, so that it can read the refusal instead of
     * losing it to a connection closed under its request. A body announced as larger is not read at all.
     *
     * @return whether the whole body has now been read
     */
    boolean drain() {
        if (request.getContentLengthLong() > allowance) {
            return false;
        }
        byte[] discard = new byte[16 * 1024];
        try {
            while (read < allowance) {
                if (read(discard, 0, (int) Math.min(discard.length, allowance - read)) == -1) {
                    return true;
                }
            }
            return false; // Still sending past the allowance.
        } catch (IOException e) {
            return false; // The client is gone: the connection closes after the answer.
        }
    }
}
