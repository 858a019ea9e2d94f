package io.inferencegateway.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenAI-compatible backend on a loopback socket whose streams a test steers: it records the last request
 * body, and streams in lockstep with the test, dies mid-stream, or holds a stream open until the gateway hangs
 * up. Raw HTTP/1.1 over a socket, so it can see the gateway close the connection and can die uncleanly.
 */
final class ScriptedBackend implements AutoCloseable {

    enum Mode { LOCKSTEP, FAIL_AFTER_FIRST_EVENT, HOLD_AFTER_FIRST_EVENT }

    static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"scripted",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";
    static final int EVENTS = 5;

    private final ServerSocket server;
    final AtomicReference<String> lastBody = new AtomicReference<>();
    volatile Mode mode = Mode.LOCKSTEP;
    /** In LOCKSTEP, the backend sends event k+1 only after the test releases a permit. */
    final Semaphore nextEvent = new Semaphore(0);
    /** When set, every request is refused with this status and an OpenAI error body. */
    volatile int refuseWith;
    /** Counted down when the backend sees the gateway close a held stream. */
    final CountDownLatch hungUp = new CountDownLatch(1);

    ScriptedBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String body = readRequestBody(in);
            lastBody.set(body);
            OutputStream out = socket.getOutputStream();
            if (refuseWith > 0) {
                byte[] error = "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + refuseWith + " Refused\r\nContent-Type: application/json\r\nContent-Length: "
                        + error.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(error);
                out.flush();
                return;
            }
            if (!body.contains("\"stream\":true")) {
                byte[] answer = COMPLETION.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(answer);
                out.flush();
                return;
            }
            // Chunked, as vLLM streams: a connection that dies before the last chunk is then a visible failure.
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            send(out, chunk(0));
            switch (mode) {
                case LOCKSTEP -> {
                    for (int i = 1; i < EVENTS; i++) {
                        if (!nextEvent.tryAcquire(30, TimeUnit.SECONDS)) {
                            return;
                        }
                        send(out, chunk(i));
                    }
                    send(out, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}");
                    send(out, "[DONE]");
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                case FAIL_AFTER_FIRST_EVENT -> socket.setSoLinger(true, 0); // closing now resets the connection
                case HOLD_AFTER_FIRST_EVENT -> {
                    if (in.read() < 0) { // blocks until the gateway closes its side
                        hungUp.countDown();
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            if (mode == Mode.HOLD_AFTER_FIRST_EVENT) {
                hungUp.countDown();
            }
        }
    }

    private static String readRequestBody(InputStream in) throws IOException {
        int contentLength = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String chunk(int i) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"t" + i + "\"},\"finish_reason\":null}]}";
    }

    /** One SSE event in one HTTP chunk. */
    private static void send(OutputStream out, String data) throws IOException {
        byte[] event = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(event);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
