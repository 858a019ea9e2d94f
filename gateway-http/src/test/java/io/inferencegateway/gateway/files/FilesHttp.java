package io.inferencegateway.gateway.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** Plain HTTP against the Files routes, for forms the SDK would never send. */
final class FilesHttp {

    static final String BOUNDARY = "igw-test-7MA4YWxkTrZu0gW";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    FilesHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Builds a {@code multipart/form-data} body part by part. */
    static final class Form {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Form field(String name, String value) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"",
                    value.getBytes(StandardCharsets.UTF_8));
        }

        Form file(String filename, String content) {
            return part("Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                    + "Content-Type: application/jsonl", content.getBytes(StandardCharsets.UTF_8));
        }

        Form part(String headers, byte[] content) {
            body.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream complete = new ByteArrayOutputStream();
            complete.writeBytes(body.toByteArray());
            complete.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return complete.toByteArray();
        }
    }

    HttpResponse<String> upload(String key, Form form) throws IOException, InterruptedException {
        return send(key, "multipart/form-data; boundary=" + BOUNDARY,
                HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
    }

    /**
     * Sends {@code purpose=batch} and then a file whose content comes from {@code content} as it is read, in chunked
     * transfer encoding: no length is announced, and nothing is held.
     */
    HttpResponse<String> uploadStreamed(String key, String filename, Supplier<InputStream> content)
            throws IOException, InterruptedException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(key, "multipart/form-data; boundary=" + BOUNDARY, HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                        content.get(), new ByteArrayInputStream(tail))))));
    }

    HttpResponse<String> send(String key, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/files")).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String key, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String key, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + key)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body());
    }

    /** The OpenAI error object of a response. */
    static JsonNode error(HttpResponse<String> response) {
        return json(response).path("error");
    }
}
