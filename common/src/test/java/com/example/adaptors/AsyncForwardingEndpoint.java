package com.example.adaptors;

import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous example of docs/WRITING_ADAPTORS.md: {@link ForwardingEndpoint} on the HTTP client's
 * {@code sendAsync}, so no thread waits while the backend works.
 */
public class AsyncForwardingEndpoint extends BaseEndpoint {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String url;

    public AsyncForwardingEndpoint(EndpointDefinition definition) {
        super(definition);
        url = config().path("url").asText();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new AdaptorConfigException("config.url", "must be an http(s) URL, e.g. http://127.0.0.1:8000/v1");
        }
    }

    @Override
    public CompletionStage<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/" + data.openaiEndpoint()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data.bodyBytes()))
                .build();
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        // Failures become error answers inside the stage; nothing here blocks.
        CompletableFuture<SubmitTaskResponse> answer = sent.handle((response, failure) -> {
            if (failure != null) {
                return SubmitTaskResponse.error(503, "Upstream endpoint " + endpointSlug() + " is unreachable");
            }
            if (response.statusCode() / 100 != 2) {
                return SubmitTaskResponse.error(502, "Upstream endpoint " + endpointSlug() + " returned "
                        + response.statusCode());
            }
            return SubmitTaskResponse.ok(response.body(), null);
        });
        // A caller that gives up (cancels the stage) stops the backend call.
        answer.whenComplete((response, failure) -> sent.cancel(true));
        return answer;
    }

    @Override
    public CompletionStage<SubmitStreamingTaskResponse> submitStreamingTaskAsync(TaskRequest data,
                                                                                 String requestLogId) {
        return CompletableFuture.completedFuture(SubmitStreamingTaskResponse.error(400,
                endpointSlug() + " does not stream: send \"stream\": false"));
    }

    @Override
    public void close() {
        client.close();
    }
}
