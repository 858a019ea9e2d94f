package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch client against a stand-in for the gateway's Files and Batches API (the real routes are being built on
 * other branches): what it sends, how it reads the answers, and how it reports a gateway without those routes.
 */
class BatchDriverTest {

    @TempDir
    Path scratch;

    private HttpServer server;
    private final List<String> uploads = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aGatewayWithoutTheFilesRouteMakesBatchesNotAvailable() throws IOException {
        start(false);

        assertThat(driver().unavailable()).hasValue("not available (POST /v1/files answered 404)");
    }

    @Test
    void runsABatchFromUploadToCompleted() throws IOException {
        start(true);
        BatchDriver driver = driver();

        assertThat(driver.unavailable()).isEmpty();
        BatchResult result = driver.run(BenchModels.FAST, 3, 0, 1, 32);

        assertThat(result.measured()).as(result.problem()).isTrue();
        assertThat(result.completed()).isEqualTo(3);
        assertThat(result.failed()).isZero();
        assertThat(result.seconds()).isPositive();
        assertThat(polls.get()).isEqualTo(2);
        assertThat(requests).contains("POST /v1/batches {\"input_file_id\":\"file-2\",\"endpoint\":"
                + "\"/v1/chat/completions\",\"completion_window\":\"24h\"}", "DELETE /v1/files/file-1");
        String upload = uploads.get(1);
        assertThat(upload).contains("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"bench-fast-3.jsonl\"")
                .contains("{\"custom_id\":\"line-2\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"bench-fast\"");
        try (var left = Files.list(scratch)) {
            assertThat(left).as("input files are removed").isEmpty();
        }
    }

    @Test
    void aBatchThatFailsIsReportedWithItsErrors() throws IOException {
        start(true);
        server.removeContext("/v1/batches/");
        server.createContext("/v1/batches/", exchange -> answer(exchange, 200,
                "{\"id\":\"batch_1\",\"status\":\"failed\",\"errors\":{\"data\":[{\"code\":\"invalid_model\"}]}}"));

        BatchResult result = driver().run(BenchModels.FAST, 3, 0, 1, 32);

        assertThat(result.measured()).isFalse();
        assertThat(result.problem()).startsWith("batch batch_1 ended failed").contains("invalid_model");
    }

    @Test
    void inputFilesOfASizeStayUnderItAndUnderTheLineLimit() throws IOException {
        Path file = BatchInputFiles.ofSize(scratch.resolve("big.jsonl"), BenchModels.FAST, 3_000_000);

        List<String> lines = Files.readAllLines(file);
        assertThat(Files.size(file)).isLessThanOrEqualTo(3_000_000).isGreaterThan(2_900_000);
        assertThat(lines).hasSizeLessThanOrEqualTo(BatchInputFiles.MAX_LINES);
        assertThat(lines).allSatisfy(line -> assertThat(io.inferencegateway.json.Json.read(line)
                .path("body").path("model").asText()).isEqualTo(BenchModels.FAST));
    }

    private BatchDriver driver() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new BatchDriver(new OpenAiBatchApi(HttpClients.create(), url, "igw-test"), scratch);
    }

    private void start(boolean withFiles) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger files = new AtomicInteger();
        if (withFiles) {
            server.createContext("/v1/files", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (exchange.getRequestMethod().equals("POST")) {
                    uploads.add(body);
                    answer(exchange, 200, "{\"id\":\"file-" + files.incrementAndGet() + "\",\"object\":\"file\"}");
                } else {
                    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                    answer(exchange, 200, "{\"deleted\":true}");
                }
            });
            server.createContext("/v1/batches", exchange -> {
                requests.add("POST /v1/batches " + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                answer(exchange, 200, "{\"id\":\"batch_1\",\"status\":\"validating\"}");
            });
            server.createContext("/v1/batches/", exchange -> answer(exchange, 200, polls.incrementAndGet() < 2
                    ? "{\"id\":\"batch_1\",\"status\":\"in_progress\"}"
                    : "{\"id\":\"batch_1\",\"status\":\"completed\",\"request_counts\":{\"total\":3,\"completed\":3,"
                            + "\"failed\":0}}"));
        }
        server.createContext("/", exchange -> answer(exchange, 404, "{\"error\":{\"message\":\"No route\"}}"));
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
