package io.inferencegateway.sse;

import io.inferencegateway.spi.SseEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental Server-Sent Events parser (the WHATWG "event stream" rules) that returns each event as soon as
 * its terminating blank line has been read, without waiting for more input.
 *
 * <p>Supported: UTF-8 with an optional leading BOM; lines ending in LF, CRLF or CR; {@code data} lines joined by
 * LF; the {@code event} field; comments (lines starting with {@code :}). {@code id} and {@code retry} are read and
 * dropped, since {@link SseEvent} carries neither. As the specification says, an event without data is not
 * dispatched, and an unterminated event at the end of the stream is discarded. Not thread-safe.
 */
public final class SseReader implements Closeable {

    /** Longest line accepted, so a broken upstream cannot make the gateway buffer without bound. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private byte[] line;
    private int lineLength;
    private boolean skipNextLf;
    private boolean firstLine = true;
    private boolean endOfStream;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType;

    public SseReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public SseReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(256, maxLineBytes)];
    }

    /** Blocks until the next complete event and returns it, or returns null at the end of the stream. */
    public SseEvent next() throws IOException {
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                SseEvent event = dispatch();
                if (event != null) {
                    return event;
                }
            } else if (text.charAt(0) != ':') {
                processField(text);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private SseEvent dispatch() {
        String type = eventType;
        eventType = null;
        if (!hasData) {
            return null;
        }
        String payload = data.toString();
        data.setLength(0);
        hasData = false;
        return new SseEvent(type, payload);
    }

    private void processField(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (name) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> eventType = value.isEmpty() ? null : value;
            default -> {
                // id, retry and unknown fields carry nothing the gateway relays.
            }
        }
    }

    /** The next line without its terminator, or null at the end of the stream (an unterminated tail is dropped). */
    private String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                return null;
            }
            byte b = buffer[position++];
            if (skipNextLf) {
                skipNextLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                // A CR may be half of a CRLF whose LF has not arrived yet: end the line now, skip that LF later.
                skipNextLf = b == '\r';
                return decodeLine();
            }
            append(b);
        }
    }

    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        int n = in.read(buffer);
        if (n < 0) {
            endOfStream = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void append(byte b) throws IOException {
        if (lineLength == line.length) {
            if (lineLength >= maxLineBytes) {
                throw new IOException("Server-Sent Events line longer than " + maxLineBytes + " bytes");
            }
            line = Arrays.copyOf(line, Math.min(maxLineBytes, lineLength * 2));
        }
        line[lineLength++] = b;
    }

    private String decodeLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        return text;
    }
}
