package io.inferencegateway.adaptors.openai;

import io.inferencegateway.adaptors.http.JettyClients;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

/**
 * Reaches any OpenAI-compatible server (vLLM, SGLang, llama.cpp, TGI, a hosted API) over HTTP: FIRST's
 * {@code DirectAPIEndpoint}, with the client's body forwarded byte for byte to {@code api_url/<route>}.
 *
 * <p>Fixture {@code config}: {@code api_url} (required), {@code api_key_env_name}, {@code connect_timeout_seconds}
 * (default 10), {@code api_request_timeout} (seconds the backend may stay silent, default 120) and
 * {@code max_connections} (default 256).
 *
 * <p>Both forms of each submit method are its own: the blocking ones wait on the calling thread, the asynchronous
 * ones complete on the HTTP client's threads without a thread waiting for the backend.
 */
public class OpenAICompatibleEndpoint extends BaseEndpoint {

    private final OpenAIConfig settings;
    private final HttpClient client;

    public OpenAICompatibleEndpoint(EndpointDefinition definition) {
        this(definition, System::getenv);
    }

    /** @param environment where {@code api_key_env_name} is looked up */
    public OpenAICompatibleEndpoint(EndpointDefinition definition, Function<String, String> environment) {
        super(definition);
        this.settings = OpenAIConfig.read(definition.endpointSlug(), definition.config(), environment);
        this.client = JettyClients.start("openai-" + definition.endpointSlug(), settings.connectTimeout(),
                settings.maxConnections());
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        try {
            return answered(UpstreamExchange.complete(client, settings, data));
        } catch (UpstreamException e) {
            return SubmitTaskResponse.error(e.code(), e.getMessage());
        }
    }

    /**
     * Completes on the HTTP client's selector thread when the whole answer has arrived: no thread waits for the
     * backend. Dependents of the stage run on that thread, so they must never block. Cancelling the stage aborts
     * the request.
     */
    @Override
    public CompletionStage<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
        CompletableFuture<SubmitTaskResponse> answer = new CompletableFuture<>();
        CompletableFuture<ContentResponse> exchange = UpstreamExchange.completeAsync(client, settings, data);
        exchange.whenComplete((response, failure) -> {
            if (answer.isDone()) {
                return; // the caller gave up and the request was aborted: nothing to map or log
            }
            try {
                answer.complete(failure == null ? answered(response)
                        : failed(UpstreamException.failure(failure, settings)));
            } catch (RuntimeException e) {
                // Jetty would swallow it, leaving the caller waiting for ever.
                answer.completeExceptionally(e);
            }
        });
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                exchange.cancel(true);
            }
        });
        return answer;
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        try {
            return started(UpstreamExchange.open(client, settings, data));
        } catch (UpstreamException e) {
            return SubmitStreamingTaskResponse.error(e.code(), e.getMessage());
        }
    }

    /**
     * Completes when the backend's response headers arrive, on the HTTP client's selector thread when the stream
     * starts: dependents of the stage run on that thread, so they must never block there; read the events from a
     * thread of your own. A refusal's body is read on a virtual thread, where the stage then completes. Cancelling
     * the stage before it completes aborts the request.
     */
    @Override
    public CompletionStage<SubmitStreamingTaskResponse> submitStreamingTaskAsync(TaskRequest data,
                                                                                 String requestLogId) {
        CompletableFuture<SubmitStreamingTaskResponse> answer = new CompletableFuture<>();
        CompletableFuture<UpstreamExchange> opening = UpstreamExchange.openAsync(client, settings, data);
        opening.whenComplete((exchange, failure) -> {
            if (failure != null) {
                if (failure instanceof UpstreamException e) {
                    answer.complete(SubmitStreamingTaskResponse.error(e.code(), e.getMessage()));
                } else {
                    answer.completeExceptionally(failure);
                }
            } else if (exchange.isEventStream()) {
                deliver(answer, exchange);
            } else {
                // Reading the refusal's body blocks until it arrives, which the selector thread must never do.
                Thread.ofVirtual().name("openai-" + endpointSlug() + "-refusal")
                        .start(() -> deliver(answer, exchange));
            }
        });
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                opening.cancel(true);
            }
        });
        return answer;
    }

    private static SubmitTaskResponse answered(ContentResponse response) {
        String body = response.getContentAsString();
        if (response.getStatus() / 100 != 2) {
            return failed(UpstreamException.status(response.getStatus(), body));
        }
        return SubmitTaskResponse.ok(body, null);
    }

    private static SubmitTaskResponse failed(UpstreamException e) {
        return SubmitTaskResponse.error(e.code(), e.getMessage());
    }

    /**
     * The stream, or the backend's refusal of it; nothing has reached the client yet, so a failed start can still
     * be answered with a status code. Reads a refusal's body, so it blocks unless the exchange is an event stream.
     */
    private SubmitStreamingTaskResponse started(UpstreamExchange exchange) {
        if (exchange.isEventStream()) {
            return SubmitStreamingTaskResponse.ok(new UpstreamEventStream(exchange, settings), null);
        }
        UpstreamException refusal = exchange.isSuccess()
                ? UpstreamException.notAnEventStream(exchange.contentType(), exchange.readErrorBody())
                : UpstreamException.status(exchange.status(), exchange.readErrorBody());
        exchange.close();
        return SubmitStreamingTaskResponse.error(refusal.code(), refusal.getMessage());
    }

    /** Completes {@code answer} with the started stream or refusal; a caller that has already given up gets none. */
    private void deliver(CompletableFuture<SubmitStreamingTaskResponse> answer, UpstreamExchange exchange) {
        SubmitStreamingTaskResponse response;
        try {
            response = started(exchange);
        } catch (RuntimeException e) {
            // Whoever runs this (Jetty, or a bare virtual thread) would swallow it, leaving the caller waiting.
            exchange.close();
            answer.completeExceptionally(e);
            return;
        }
        if (!answer.complete(response)) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        JettyClients.stop(client);
    }
}
