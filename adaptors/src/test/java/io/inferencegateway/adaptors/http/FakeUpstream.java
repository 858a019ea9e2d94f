package io.inferencegateway.adaptors.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server for tests that writes exactly the bytes a test scripts, so a test controls framing,
 * pacing and failures (a chunked stream cut short, a server that never answers) the way a real backend would
 * produce them. One request per connection; scripted responses say {@code Connection: close}.
 */
public final class FakeUpstream implements AutoCloseable {

    /** What the test scripts for each connection, after its request has been read. */
    @FunctionalInterface
    public interface Script {
        void run(Received request, Exchange exchange) throws Exception;
    }

    /** One request as it arrived; header names are lower-cased. */
    public record Received(String method, String target, String protocol, Map<String, String> headers,
                           byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> scriptFailures = new CopyOnWriteArrayList<>();

    public FakeUpstream(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-upstream-accept").start(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** A loopback port nothing listens on, for "connection refused". */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The next request the server read, waiting up to five seconds. */
    public Received takeRequest() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake upstream received no request");
        }
        return request;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (!scriptFailures.isEmpty()) {
            AssertionError error = new AssertionError("a fake upstream script failed");
            scriptFailures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread.ofVirtual().name("fake-upstream-connection").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Received request = readRequest(in);
            received.add(request);
            script.run(request, new Exchange(socket, in, socket.getOutputStream()));
        } catch (Throwable e) {
            if (!server.isClosed()) {
                scriptFailures.add(e);
            }
        }
    }

    private static Received readRequest(InputStream in) throws IOException {
        String[] requestLine = readLine(in).split(" ", 3);
        Map<String, String> headers = new TreeMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Received(requestLine[0], requestLine[1], requestLine[2], Map.copyOf(headers), body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    /** The server side of one connection. */
    public static final class Exchange {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Exchange(Socket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        /** A complete response with a Content-Length. */
        public void respond(int status, String contentType, String body) throws IOException {
            respond(status, contentType, body, "");
        }

        /** A complete response with a Content-Length and more header lines, each ending in CRLF. */
        public void respond(int status, String contentType, String body, String headerLines) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write("HTTP/1.1 " + status + " Status\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                    + bytes.length + "\r\n" + headerLines + "Connection: close\r\n\r\n");
            out.write(bytes);
            out.flush();
        }

        /** Response headers for a chunked body, as uvicorn sends for a server-sent event stream. */
        public void startChunked(int status, String contentType) throws IOException {
            write("HTTP/1.1 " + status + " Status\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        }

        /** One chunk, flushed at once. */
        public void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            write(Integer.toHexString(bytes.length) + "\r\n");
            out.write(bytes);
            write("\r\n");
        }

        /** The terminating zero-length chunk. */
        public void endChunked() throws IOException {
            write("0\r\n\r\n");
        }

        /** Closes the connection without finishing the response, like a crashed backend. */
        public void drop() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Blocks until the client closes the connection (end of stream or reset) and returns. */
        public void awaitClientClose() {
            try {
                while (in.read() >= 0) {
                    // The client sends nothing more on this connection; wait for it to go away.
                }
            } catch (IOException e) {
                // A reset is a close too.
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
