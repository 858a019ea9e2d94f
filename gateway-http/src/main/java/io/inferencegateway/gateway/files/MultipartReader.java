package io.inferencegateway.gateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A pull parser for {@code multipart/form-data} (RFC 7578 over RFC 2046) that reads its stream once, through a 64 KiB
 * buffer: parts come one at a time, and each part's body is a stream that ends at the next boundary. A file part
 * therefore flows to wherever its reader sends it, and nothing of it stays behind in memory or on disk.
 */
final class MultipartReader {

    static final int MAX_PARTS = 16;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int head;
    private int tail;
    private boolean eof;
    /** Bytes before {@code dataEnd} are the current body's; {@code delimiterAtEnd} says whether a boundary follows. */
    private int dataEnd;
    private boolean delimiterAtEnd;
    private boolean atBoundary;
    private boolean finished;
    private int parts;
    private InputStream currentBody;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first boundary has no line break before it: pretending the body began with one lets a single search
        // find every boundary, and whatever precedes the first (the preamble) is skipped like a part's body.
        buffer[0] = '\r';
        buffer[1] = '\n';
        tail = 2;
    }

    /** The next part, or null after the closing boundary; what was left unread of the previous part is skipped. */
    FormPart next() throws IOException {
        if (finished) {
            return null;
        }
        byte[] skipped = new byte[8192];
        while (!atBoundary) {
            readBody(skipped, 0, skipped.length);
        }
        if (!ensure(2)) {
            throw new MalformedMultipartException("The multipart body ended right after a boundary.");
        }
        if (buffer[head] == '-' && buffer[head + 1] == '-') {
            // The closing boundary: the epilogue after it means nothing and is not read.
            finished = true;
            currentBody = null;
            return null;
        }
        while (ensure(1) && (buffer[head] == ' ' || buffer[head] == '\t')) {
            head++;
        }
        if (!ensure(2) || buffer[head] != '\r' || buffer[head + 1] != '\n') {
            throw new MalformedMultipartException("A multipart boundary must be followed by a line break.");
        }
        head += 2;
        if (++parts > MAX_PARTS) {
            throw new MalformedMultipartException("The form has more than " + MAX_PARTS + " parts.");
        }
        Map<String, String> headers = readHeaders();
        atBoundary = false;
        dataEnd = head;
        delimiterAtEnd = false;
        InputStream body = new Body();
        currentBody = body;
        return FormPart.of(headers, body);
    }

    /** A part's body: reads through to the boundary, and reads nothing once the reader has moved past its part. */
    private final class Body extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return currentBody == this ? readBody(target, offset, length) : -1;
        }
    }

    private int readBody(byte[] target, int offset, int length) throws IOException {
        if (atBoundary) {
            return -1;
        }
        if (head == dataEnd) {
            if (!delimiterAtEnd) {
                locateDelimiter();
            }
            if (head == dataEnd && delimiterAtEnd) {
                head += delimiter.length;
                atBoundary = true;
                return -1;
            }
        }
        int n = Math.min(length, dataEnd - head);
        System.arraycopy(buffer, head, target, offset, n);
        head += n;
        return n;
    }

    /** Finds how far the body goes: to a boundary, or to where the buffer's tail could still begin one. */
    private void locateDelimiter() throws IOException {
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                dataEnd = found;
                delimiterAtEnd = true;
                return;
            }
            int safe = tail - delimiter.length + 1;
            if (safe > head) {
                dataEnd = safe;
                delimiterAtEnd = false;
                return;
            }
            if (!fill()) {
                throw new MalformedMultipartException("The multipart body ended before its closing boundary.");
            }
        }
    }

    private int indexOfDelimiter() {
        int last = tail - delimiter.length;
        outer:
        for (int i = head; i <= last; i++) {
            if (buffer[i] != '\r') {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        while (true) {
            int end = lineEnd(head);
            total += end - head + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("A part's headers are longer than " + MAX_HEADER_BYTES
                        + " bytes.");
            }
            String line = new String(buffer, head, end - head, StandardCharsets.UTF_8);
            head = end + 2;
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("A part header is not of the form 'Name: value'.");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /** The index of the CR of the next CRLF, filling as needed; part headers are bounded in size. */
    private int lineEnd(int from) throws IOException {
        int searched = from;
        while (true) {
            for (int i = searched; i + 1 < tail; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    return i;
                }
            }
            if (tail - head > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("A part's headers are longer than " + MAX_HEADER_BYTES
                        + " bytes.");
            }
            int shift = head;
            searched = Math.max(head, tail - 1) - shift;
            if (!fill()) {
                throw new MalformedMultipartException("The multipart body ended inside a part's headers.");
            }
        }
    }

    private boolean ensure(int bytes) throws IOException {
        while (tail - head < bytes) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Moves unread bytes to the front and reads more after them; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (head > 0) {
            System.arraycopy(buffer, head, buffer, 0, tail - head);
            tail -= head;
            dataEnd -= head;
            head = 0;
        }
        int n = in.read(buffer, tail, buffer.length - tail);
        if (n < 0) {
            eof = true;
            return false;
        }
        tail += n;
        return true;
    }

    /**
     * The boundary of a {@code multipart/form-data} content type, or null when the type is another or has no valid
     * boundary (1 to 70 characters, RFC 2046).
     */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parameters = contentType.split(";");
        if (!parameters[0].strip().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < parameters.length; i++) {
            String[] parameter = parameters[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("boundary")) {
                String value = parameter[1].strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                boolean valid = !value.isEmpty() && value.length() <= 70
                        && value.chars().allMatch(c -> c > ' ' && c < 127 || c == ' ') && !value.endsWith(" ");
                return valid ? value : null;
            }
        }
        return null;
    }
}
