package io.inferencegateway.adaptors.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * One POST to an OpenAI-compatible backend whose response headers have arrived; the body is read as it comes.
 * Closing it aborts the request unless the body was read to the end, which closes the connection so the backend
 * stops working on it.
 */
final class UpstreamExchange implements AutoCloseable {

    /** Bigger successful answers are refused rather than risking the gateway's heap. */
    static final int MAX_BODY_BYTES = 128 * 1024 * 1024;

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    // Jackson escapes characters outside the BMP (emoji) as surrogate pairs by default; writing them as UTF-8
    // keeps a compact client body byte-identical on the way through.
    private static final ObjectWriter REQUEST_WRITER =
            Json.MAPPER.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    private final Request request;
    private final Response response;
    private final InputStream body;

    private UpstreamExchange(Request request, Response response, InputStream body) {
        this.request = request;
        this.response = response;
        this.body = body;
    }

    /** Sends the client's body unchanged and waits for the response headers. */
    static UpstreamExchange open(HttpClient client, OpenAIConfig config, TaskRequest task) throws UpstreamException {
        Request request = client.newRequest(config.urlFor(task.openaiEndpoint()))
                .method(HttpMethod.POST)
                .idleTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .body(new BytesRequestContent("application/json", serialize(task)));
        if (config.apiKey() != null) {
            request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + config.apiKey()));
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(config.headersDeadline().toMillis(), TimeUnit.MILLISECONDS);
            return new UpstreamExchange(request, response, listener.getInputStream());
        } catch (ExecutionException e) {
            throw UpstreamException.failure(e.getCause(), config);
        } catch (TimeoutException e) {
            request.abort(e);
            throw UpstreamException.timeout(config, e);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw UpstreamException.failure(e, config);
        }
    }

    private static byte[] serialize(TaskRequest task) {
        try {
            return REQUEST_WRITER.writeValueAsBytes(task.modelParams());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain JSON nodes always serializes
        }
    }

    boolean isSuccess() {
        return response.getStatus() / 100 == 2;
    }

    int status() {
        return response.getStatus();
    }

    /** The response's Content-Type, or an empty string. */
    String contentType() {
        String value = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return value == null ? "" : value;
    }

    InputStream body() {
        return body;
    }

    /** The whole body as text; fails past {@link #MAX_BODY_BYTES}. */
    String readBody() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            if (out.size() + n > MAX_BODY_BYTES) {
                throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The start of an error body, for the message; whatever arrived if reading fails. */
    String readErrorBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8 * 1024];
        try {
            for (int n = body.read(buffer); n >= 0 && out.size() < MAX_ERROR_BODY_BYTES; n = body.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The status code already says what went wrong; a partial body is still worth showing.
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** Aborts the request if it is still running; safe to call from any thread, more than once. */
    @Override
    public void close() {
        // An IOException, because Jetty's InputStream rethrows unchecked abort causes as they are.
        request.abort(new IOException("request closed by the gateway"));
        try {
            body.close();
        } catch (IOException e) {
            // Closing an in-memory queue of chunks cannot fail in a way worth reporting.
        }
    }
}
