package io.inferencegateway.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics} in the Prometheus text format, on the JDK's own HTTP server. */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code metrics} on {@code port} (0 picks a free one) of every interface. */
    public static MetricsServer start(int port, WorkerMetrics metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            MetricsServer running = new MetricsServer(server);
            server.setExecutor(running.executor);
            server.createContext("/metrics", exchange -> running.serve(exchange, metrics));
            server.start();
            LOG.info("Metrics on http://0.0.0.0:{}/metrics", running.port());
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve metrics on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, WorkerMetrics metrics) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
