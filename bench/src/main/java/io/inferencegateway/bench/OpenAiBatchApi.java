package io.inferencegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.inferencegateway.json.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The gateway's OpenAI Files and Batches API, as the OpenAI contract describes it; the upload is streamed from disk. */
final class OpenAiBatchApi {

    private final HttpClient client;
    private final String baseUrl;
    private final String apiKey;

    /** @param baseUrl the gateway, e.g. {@code http://127.0.0.1:8080} */
    OpenAiBatchApi(HttpClient client, String baseUrl, String apiKey) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /**
     * An answer: its status, its body as JSON (missing when it was not JSON) and as text.
     */
    record Answer(int status, JsonNode json, String text) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** True for 404 and 405: the route does not exist on this gateway (yet). */
        boolean noSuchRoute() {
            return status == 404 || status == 405;
        }

        /** {@code error.message} when there is one, otherwise the start of the body. */
        String message() {
            JsonNode message = json.path("error").path("message");
            return message.isTextual() ? message.asText() : text.substring(0, Math.min(200, text.length()));
        }
    }

    /** POST /v1/files, multipart: {@code purpose} and {@code file}, the file streamed from disk. */
    Answer uploadFile(Path file, String purpose) {
        Multipart multipart = Multipart.of(UUID.randomUUID().toString().replace("-", ""), purpose,
                file.getFileName().toString());
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(multipart.head()),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofByteArray(multipart.tail()));
            return send(request("/v1/files").timeout(Duration.ofMinutes(10))
                    .header("Content-Type", multipart.contentType()).POST(body));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("No file to upload at " + file, e);
        }
    }

    /** POST /v1/batches for chat completions in the 24 h window. */
    Answer createBatch(String inputFileId) {
        return createBatch(inputFileId, "24h");
    }

    /** POST /v1/batches for chat completions in {@code completionWindow} ({@code 24h}, or e.g. {@code 30m} here). */
    Answer createBatch(String inputFileId, String completionWindow) {
        String body = Json.write(Json.object().put("input_file_id", inputFileId)
                .put("endpoint", "/v1/chat/completions").put("completion_window", completionWindow));
        return send(request("/v1/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET /v1/batches/{id}. */
    Answer batch(String batchId) {
        return send(request("/v1/batches/" + batchId).GET());
    }

    /** POST /v1/batches/{id}/cancel. */
    Answer cancel(String batchId) {
        return send(request("/v1/batches/" + batchId + "/cancel").POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** DELETE /v1/files/{id}. */
    Answer deleteFile(String fileId) {
        return send(request("/v1/files/" + fileId).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), json(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("The gateway did not answer " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
