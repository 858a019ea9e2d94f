package io.inferencegateway.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's operator port, on the JDK's own HTTP server: {@code GET /metrics} in the Prometheus text format,
 * {@code GET /health} (the process answers: a liveness probe) and {@code GET /ready} (503 with the reasons while
 * the worker runs short of capacity: a readiness probe).
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves on {@code host}:{@code port} (0 picks a free port).
     *
     * @param problems why the worker is not ready; empty when it is
     */
    public static MetricsServer start(String host, int port, WorkerMetrics metrics, Supplier<List<String>> problems) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            MetricsServer running = new MetricsServer(server);
            server.setExecutor(running.executor);
            server.createContext("/metrics", exchange -> running.serve(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
            server.createContext("/health", exchange -> running.serve(exchange, 200, "application/json",
                    "{\"status\":\"alive\"}"));
            server.createContext("/ready", exchange -> {
                List<String> reasons = problems.get();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", reasons.isEmpty() ? "ready" : "not_ready");
                if (!reasons.isEmpty()) {
                    body.put("problems", reasons);
                }
                running.serve(exchange, reasons.isEmpty() ? 200 : 503, "application/json",
                        Json.write(body));
            });
            server.start();
            LOG.info("Metrics, health and readiness on http://{}:{}/", host, running.port());
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve metrics on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
