package io.inferencegateway.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The gateway's HTTP API as igw uses it, over the JDK's HTTP client: every answer that is not a 2xx becomes a
 * {@link GatewayException} with the gateway's message, every failure to reach it one with the reason.
 */
public final class GatewayClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Calls that answer at once; uploads, downloads and streams have no overall bound. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final ClientConfig config;

    public GatewayClient(ClientConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    public URI baseUrl() {
        return config.baseUrl();
    }

    /** {@code GET path}: the body as the gateway sent it. */
    public String get(String path) {
        return text(request(path).timeout(CALL_TIMEOUT).GET());
    }

    /** {@code POST path} with a JSON body: the answer's body as the gateway sent it. */
    public String post(String path, Object json) {
        return text(request(path).timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(json))));
    }

    /** {@code POST /v1/files}: the file streamed from disk as {@code multipart/form-data}, under {@code filename}. */
    public String upload(Path file, String filename, String purpose) {
        Multipart form = Multipart.withPurposeAndFile(purpose, filename);
        try {
            return text(request("/v1/files").header("Content-Type", form.contentType()).POST(form.body(file)));
        } catch (UncheckedIOException e) {
            throw GatewayException.usage("cannot read " + file + ": " + e.getCause().getMessage());
        }
    }

    /** {@code GET path} copied to {@code out} as it arrives. */
    public void download(String path, String accept, OutputStream out) {
        HttpResponse<InputStream> response = send(request(path).header("Accept", accept).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            failOnError(response.statusCode(), body, response.uri());
            body.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw GatewayException.network(config.baseUrl(), e);
        }
    }

    /**
     * {@code POST path} with a JSON body, the answer read line by line as it arrives (server-sent events); the caller
     * closes the stream.
     */
    public Stream<String> streamLines(String path, Object json) {
        HttpResponse<Stream<String>> response = send(request(path).header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(write(json))),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 300) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", lines.toList());
            }
            throw GatewayException.fromAnswer(response.statusCode(), body, response.uri());
        }
        return response.body();
    }

    /** Parses a body the gateway sent as JSON. */
    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GatewayException(ExitCodes.GATEWAY_ERROR, 0, "", "the gateway's answer is not JSON: "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
        }
    }

    public static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("User-Agent", "igw");
    }

    private String text(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw GatewayException.fromAnswer(response.statusCode(), response.body(), response.uri());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            if (e.getCause() instanceof UncheckedIOException unreadable) {
                throw unreadable;
            }
            throw GatewayException.network(config.baseUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(ExitCodes.NETWORK, 0, "", "interrupted");
        }
    }

    private static void failOnError(int status, InputStream body, URI uri) throws IOException {
        if (status >= 300) {
            throw GatewayException.fromAnswer(status, new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8),
                    uri);
        }
    }

    private static String write(Object json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
