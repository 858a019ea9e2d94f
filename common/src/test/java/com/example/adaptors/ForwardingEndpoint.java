package com.example.adaptors;

import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The blocking example of docs/WRITING_ADAPTORS.md: forwards each request to an OpenAI-compatible server and waits
 * for its answer. Streaming is refused, to keep the example short.
 */
public class ForwardingEndpoint extends BaseEndpoint {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String url;

    public ForwardingEndpoint(EndpointDefinition definition) {
        super(definition);
        url = config().path("url").asText();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new AdaptorConfigException("config.url", "must be an http(s) URL, e.g. http://127.0.0.1:8000/v1");
        }
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/" + data.openaiEndpoint()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data.bodyBytes()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return SubmitTaskResponse.error(502, "Upstream endpoint " + endpointSlug() + " returned "
                        + response.statusCode());
            }
            return SubmitTaskResponse.ok(response.body(), null);
        } catch (IOException e) {
            return SubmitTaskResponse.error(503, "Upstream endpoint " + endpointSlug() + " is unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SubmitTaskResponse.error(503, "Upstream endpoint " + endpointSlug() + " was not waited for");
        }
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        return SubmitStreamingTaskResponse.error(400, endpointSlug() + " does not stream: send \"stream\": false");
    }

    @Override
    public void close() {
        client.close();
    }
}
