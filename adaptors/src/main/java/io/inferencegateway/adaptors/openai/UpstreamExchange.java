package io.inferencegateway.adaptors.openai;

import io.inferencegateway.spi.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
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
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Scheduler;

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
        CompletableFuture<ContentResponse> answer = completeAsync(client, config, task);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw UpstreamException.failure(e.getCause(), config);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw UpstreamException.failure(e, config);
        }
    }

    /**
     * Sends the client's body unchanged; the future completes with the whole answer, buffered, on the client's
     * selector thread, or exceptionally with Jetty's own failure. Completing or cancelling it from outside aborts
     * the request.
     */
    static CompletableFuture<ContentResponse> completeAsync(HttpClient client, OpenAIConfig config,
                                                            TaskRequest task) {
        return new CompletableResponseListener(request(client, config, task), MAX_BODY_BYTES).send();
    }

    /** Sends the client's body unchanged and waits for the response headers; the body is read as it comes. */
    static UpstreamExchange open(HttpClient client, OpenAIConfig config, TaskRequest task) throws UpstreamException {
        CompletableFuture<UpstreamExchange> opened = openAsync(client, config, task);
        try {
            return opened.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UpstreamException mapped ? mapped : UpstreamException.failure(e, config);
        } catch (InterruptedException e) {
            opened.cancel(true);
            Thread.currentThread().interrupt();
            throw UpstreamException.failure(e, config);
        }
    }

    /**
     * Sends the client's body unchanged; the future completes once the response headers have arrived (on the
     * client's selector thread, or its scheduler's when {@link OpenAIConfig#headersDeadline} passes first), or
     * exceptionally with an {@link UpstreamException}. Completing or cancelling it from outside aborts the request.
     */
    static CompletableFuture<UpstreamExchange> openAsync(HttpClient client, OpenAIConfig config, TaskRequest task) {
        Request request = request(client, config, task);
        HeadersListener listener = new HeadersListener();
        CompletableFuture<UpstreamExchange> opened = new CompletableFuture<>();
        Scheduler.Task deadline = client.getScheduler().schedule(() -> listener.headers.completeExceptionally(
                        new TimeoutException("no response headers within " + config.headersDeadline())),
                config.headersDeadline().toMillis(), TimeUnit.MILLISECONDS);
        listener.headers.whenComplete((response, failure) -> {
            deadline.cancel();
            if (opened.isDone()) {
                return; // given up from outside: the request is being aborted, nobody waits for a reason
            }
            if (failure == null) {
                UpstreamExchange exchange = new UpstreamExchange(request, response, listener.getInputStream());
                if (!opened.complete(exchange)) {
                    exchange.close();
                }
            } else {
                opened.completeExceptionally(UpstreamException.failure(failure, config));
            }
        });
        opened.whenComplete((exchange, failure) -> {
            if (failure != null) {
                request.abort(failure);
            }
        });
        request.send(listener);
        return opened;
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

    /** Whether the backend started an event stream: a 2xx that is not a JSON answer. */
    boolean isEventStream() {
        return isSuccess() && !contentType().toLowerCase(Locale.ROOT).startsWith("application/json");
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

    /** Buffers the body for {@link #body()} as {@link InputStreamResponseListener} does, and says when headers came. */
    private static final class HeadersListener extends InputStreamResponseListener {

        final CompletableFuture<Response> headers = new CompletableFuture<>();

        @Override
        public void onHeaders(Response response) {
            super.onHeaders(response);
            headers.complete(response);
        }

        @Override
        public void onComplete(Result result) {
            super.onComplete(result);
            if (result.isFailed()) {
                headers.completeExceptionally(result.getFailure());
            }
        }
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
