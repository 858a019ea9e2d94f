package io.inferencegateway.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 connection spoken byte by byte, for what ordinary clients refuse to send: odd methods, headers
 * trickled a few bytes at a time. Answers are read by their Content-Length, so the connection can be reused.
 */
public final class RawHttp implements AutoCloseable {

    /** The last four bytes of a head: CR LF CR LF. */
    private static final int BLANK_LINE = 0x0D0A0D0A;

    private final Socket socket;
    private final InputStream in;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    public void write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Sends a whole request and reads its answer. */
    public Answer exchange(String request) throws IOException {
        write(request);
        return read();
    }

    /** The next answer: status line and headers, then Content-Length bytes of body. */
    public Answer read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != BLANK_LINE) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed after " + head.size() + " bytes of an answer");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        boolean chunked = headText.lines().anyMatch(line -> line.equalsIgnoreCase("Transfer-Encoding: chunked"));
        byte[] body = chunked ? readChunks() : in.readNBytes(headText.lines()
                .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim()))
                .findFirst().orElse(0));
        return new Answer(Integer.parseInt(headText.split(" ", 3)[1]), headText,
                new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            line(); // the CRLF after the chunk
        }
        line(); // the CRLF after the last, empty chunk (no trailers are sent here)
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";", 2)[0].trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * Whether the server has closed the connection, waiting at most {@code wait} for it to: anything it still sends
     * (such as an error answer) is read and discarded first.
     */
    public boolean closedByServer(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the server
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An answer as it came over the wire. */
    public record Answer(int status, String head, String body) {
    }
}
