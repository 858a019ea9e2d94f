package io.inferencegateway.adaptors.statusurl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.adaptors.http.JettyClients;
import io.inferencegateway.adaptors.http.UpstreamFailure;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.GetJobsResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster whose models are listed by a JSON status page: FIRST's {@code MetisCluster}, generalised.
 *
 * <p>Fixture {@code config}: {@code status_url} (required), {@code api_request_timeout} (seconds, default 10),
 * {@code api_key_env_name} (Bearer key for the status page) and {@code framework} (default: the cluster's first
 * framework). See {@link StatusPage} for the page's shape and how it maps to jobs.
 */
public class StatusUrlCluster extends BaseCluster {

    private static final Logger LOG = LoggerFactory.getLogger(StatusUrlCluster.class);
    private static final int MAX_CONNECTIONS = 4;

    private final StatusUrlConfig settings;
    private final HttpClient client;

    public StatusUrlCluster(ClusterDefinition definition) {
        this(definition, System::getenv);
    }

    /** @param environment where {@code api_key_env_name} is looked up */
    public StatusUrlCluster(ClusterDefinition definition, Function<String, String> environment) {
        super(definition);
        this.settings = StatusUrlConfig.read(definition, environment);
        this.client = JettyClients.start("status-" + definition.clusterName(), settings.requestTimeout(),
                MAX_CONNECTIONS);
    }

    @Override
    public GetJobsResponse getJobs() {
        ContentResponse response;
        try {
            response = request().send();
        } catch (TimeoutException e) {
            return failed(504, timedOut());
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(503, "request was interrupted");
        }
        if (response.getStatus() / 100 != 2) {
            return failed(502, "returned HTTP " + response.getStatus());
        }
        JsonNode page;
        try {
            page = Json.MAPPER.readTree(response.getContent());
        } catch (JsonProcessingException e) {
            return failed(502, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return failed(502, "is not valid JSON (" + e.getMessage() + ")");
        }
        if (page == null || !page.isObject()) {
            return failed(502, "is not a JSON object of models");
        }
        return GetJobsResponse.ok(StatusPage.toJobs(page, clusterName(), settings.framework()));
    }

    @Override
    public void close() {
        JettyClients.stop(client);
    }

    private Request request() {
        long millis = settings.requestTimeout().toMillis();
        Request request = client.newRequest(settings.statusUrl())
                .method(HttpMethod.GET)
                .timeout(millis, TimeUnit.MILLISECONDS)
                .idleTimeout(millis, TimeUnit.MILLISECONDS)
                .headers(headers -> headers.put(HttpHeader.ACCEPT, "application/json"));
        if (settings.apiKey() != null) {
            request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + settings.apiKey()));
        }
        return request;
    }

    private GetJobsResponse failed(Throwable failure) {
        return switch (UpstreamFailure.of(failure)) {
            case TIMEOUT -> failed(504, timedOut());
            case UNREACHABLE -> failed(503, "is unreachable: " + UpstreamFailure.describe(failure));
            case OTHER -> failed(502, "could not be read: " + UpstreamFailure.describe(failure));
        };
    }

    private String timedOut() {
        return "did not answer within " + ConfigFields.inSeconds(settings.requestTimeout()) + " s";
    }

    // The message may reach users, so it leaves out the status URL; the log line has it.
    private GetJobsResponse failed(int code, String problem) {
        String message = "Cluster " + clusterName() + ": status page " + problem;
        LOG.warn("{} (status_url {})", message, settings.statusUrl());
        return GetJobsResponse.error(code, message);
    }
}
