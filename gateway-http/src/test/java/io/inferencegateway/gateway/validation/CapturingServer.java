package io.inferencegateway.gateway.validation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A local HTTP server that records what a client sends and answers every request with an OpenAI-style 400. */
final class CapturingServer implements AutoCloseable {

    /** One request as it arrived: the path, the Content-Type header and the exact body bytes. */
    record Captured(String path, String contentType, byte[] body) {
    }

    private static final byte[] ANSWER = """
            {"error":{"message":"captured","type":"invalid_request_error","param":null,"code":null}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final List<Captured> requests = new ArrayList<>();

    CapturingServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (requests) {
                requests.add(new Captured(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The request received most recently. */
    Captured last() {
        synchronized (requests) {
            return requests.getLast();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
