package io.inferencegateway.adaptors.openai;

import io.inferencegateway.adaptors.http.JettyClients;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.io.IOException;
import java.util.Locale;
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
            ContentResponse response = UpstreamExchange.complete(client, settings, data);
            String body = response.getContentAsString();
            if (response.getStatus() / 100 != 2) {
                throw UpstreamException.status(response.getStatus(), body);
            }
            return SubmitTaskResponse.ok(body, null);
        } catch (UpstreamException e) {
            return SubmitTaskResponse.error(e.code(), e.getMessage());
        }
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        UpstreamExchange exchange;
        try {
            exchange = UpstreamExchange.open(client, settings, data);
        } catch (UpstreamException e) {
            return SubmitStreamingTaskResponse.error(e.code(), e.getMessage());
        }
        // Nothing has reached the client yet, so a failed start can still be answered with a status code.
        try {
            if (!exchange.isSuccess()) {
                throw UpstreamException.status(exchange.status(), exchange.readErrorBody());
            }
            String contentType = exchange.contentType();
            if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw UpstreamException.notAnEventStream(contentType, exchange.readErrorBody());
            }
            return SubmitStreamingTaskResponse.ok(new UpstreamEventStream(exchange, settings), null);
        } catch (UpstreamException e) {
            exchange.close();
            return SubmitStreamingTaskResponse.error(e.code(), e.getMessage());
        }
    }

    @Override
    public void close() {
        JettyClients.stop(client);
    }
}
