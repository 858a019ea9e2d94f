package io.inferencegateway.adaptors.openai;

import io.inferencegateway.spi.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
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

    private final Request request;
    private final Response response;
    private final InputStream body;

    private UpstreamExchange(Request request, Response response, InputStream body) {
        this.request = request;
        this.response = response;
        this.body = body;
    }

    /**
     * Sends the client's body unchanged and waits for the whole answer, which Jetty buffers as it arrives: one
     * hand-over between threads per request instead of one per chunk, for the common non-streaming call.
     */
    static ContentResponse complete(HttpClient client, OpenAIConfig config, TaskRequest task)
            throws UpstreamException {
        Request request = request(client, config, task);
        try {
            return new CompletableResponseListener(request, MAX_BODY_BYTES).send().get();
        } catch (ExecutionException e) {
            throw UpstreamException.failure(e.getCause(), config);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw UpstreamException.failure(e, config);
        }
    }

    /** Sends the client's body unchanged and waits for the response headers; the body is read as it comes. */
    static UpstreamExchange open(HttpClient client, OpenAIConfig config, TaskRequest task) throws UpstreamException {
        Request request = request(client, config, task);
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

    private static Request request(HttpClient client, OpenAIConfig config, TaskRequest task) {
        Request request = client.newRequest(config.urlFor(task.openaiEndpoint()))
                .method(HttpMethod.POST)
                .idleTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .body(new BytesRequestContent("application/json", task.bodyBytes()));
        if (config.apiKey() != null) {
            request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + config.apiKey()));
        }
        return request;
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
