package io.inferencegateway.adaptors.globus;

import io.inferencegateway.adaptors.http.JettyClients;
import io.inferencegateway.spi.AdaptorContext;
import io.inferencegateway.spi.AdaptorMetrics;
import io.inferencegateway.spi.CallBudget;
import io.inferencegateway.spi.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;

/**
 * What every Globus Compute adaptor of a process shares: the settings, one HTTP client, the token cache, the
 * rate limit, the task poller and the endpoint statuses. The registry creates it with the first adaptor
 * ({@link AdaptorContext#shared}) and closes it after the last.
 */
public final class GlobusComputeRuntime implements AutoCloseable {

    /** Where an endpoint adaptor of a cluster sends its tasks, for the cluster's "disconnected" check. */
    record EndpointRef(String endpointUuid, Credentials client) {
    }

    /** How long the first task of a burst waits for others to share its submit request. */
    static final Duration SUBMIT_WINDOW = Duration.ofMillis(5);

    /** Submits without a results queue: the poller fetches every result. */
    private static final SubmitQueue.Grouping POLLED = new SubmitQueue.Grouping() {
        @Override
        public ComputeApi.SubmitRequest request(Credentials client, Map<String, List<String>> payloads) {
            return new ComputeApi.SubmitRequest(payloads, null, false);
        }

        @Override
        public void submitted(Credentials client, ComputeApi.Submitted submitted) {
        }
    };

    private final GlobusComputeSettings settings;
    private final HttpClient http;
    private final ComputeApi api;
    private final TaskPoller poller;
    private final SubmitQueue submitQueue;
    private final ResultStreams results;
    private final EndpointReadiness readiness;
    private final Map<String, EndpointRef> endpointsByModel = new ConcurrentHashMap<>();

    /**
     * @param budget where the calls of each client are budgeted: the host's shared one, or this process's own
     */
    GlobusComputeRuntime(GlobusComputeSettings settings, CallBudget budget) {
        this.settings = settings;
        this.http = JettyClients.start("globus-compute", Duration.ofSeconds(10), 64);
        // Jetty treats a 401 without WWW-Authenticate as a protocol violation; we handle 401 ourselves (new token).
        http.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        ComputeApi[] self = new ComputeApi[1];
        TokenProvider tokens = new TokenProvider(http, settings.authUrl(), Clock.systemUTC(),
                (client, deadline) -> self[0].acquire(client, deadline));
        this.api = new ComputeApi(http, settings.apiUrl(), tokens, budget,
                new RateLimit(settings.maxRequests(), settings.rateWindow()));
        self[0] = api;
        this.poller = new TaskPoller(api, pollInterval(settings), client -> pushing(client));
        this.results = settings.results() == GlobusComputeSettings.ResultRoute.AMQP
                ? new ResultStreams(api, poller, settings.amqpPort()) : null;
        this.submitQueue = new SubmitQueue(api, SUBMIT_WINDOW, SubmitQueue.MAX_SUBMIT_BYTES,
                results != null ? results : POLLED);
        this.readiness = new EndpointReadiness(api);
    }

    /**
     * The configured interval, but never so short that polling alone would use more than half of the rate limit:
     * submissions and status checks need the other half.
     */
    static Duration pollInterval(GlobusComputeSettings settings) {
        Duration floor = settings.rateWindow().multipliedBy(2).dividedBy(settings.maxRequests());
        return settings.pollInterval().compareTo(floor) < 0 ? floor : settings.pollInterval();
    }

    /** The context's runtime, created from its environment on first use. */
    static GlobusComputeRuntime of(AdaptorContext context) {
        return context.shared(GlobusComputeRuntime.class, ctx -> {
            GlobusComputeRuntime runtime = new GlobusComputeRuntime(GlobusComputeSettings.read(ctx::environment),
                    ctx.service(CallBudget.class).orElseGet(LocalCallBudget::system));
            ctx.service(AdaptorMetrics.class).ifPresent(runtime::registerMetrics);
            return runtime;
        });
    }

    /** Puts the background parts' failures and state on the host's metrics, where readiness alone would hide them. */
    private void registerMetrics(AdaptorMetrics metrics) {
        metrics.counter("globus_compute_submit_failures_total", "Globus Compute submit requests that failed; their "
                + "tasks are answered with the error", submitQueue::failures);
        if (results != null) {
            metrics.counter("globus_compute_result_stream_failures_total", "Times a Globus Compute results queue "
                    + "could not be read or was lost; its client's tasks are polled until it is back",
                    results::failures);
            metrics.gauge("globus_compute_result_streams_consuming", "Globus Compute clients whose results arrive "
                    + "over their queue just now", results::consuming);
        }
    }

    GlobusComputeSettings settings() {
        return settings;
    }

    ComputeApi api() {
        return api;
    }

    TaskPoller poller() {
        return poller;
    }

    /** Whether tasks submitted through the {@link #submitQueue()} also have their results pushed. */
    boolean pushesResults() {
        return results != null;
    }

    /** The results streams, or null when results are polled only. */
    ResultStreams resultStreams() {
        return results;
    }

    private boolean pushing(Credentials client) {
        return results != null && results.pushing(client);
    }

    SubmitQueue submitQueue() {
        return submitQueue;
    }

    EndpointReadiness readiness() {
        return readiness;
    }

    void registerEndpoint(String cluster, String framework, String model, EndpointRef ref) {
        endpointsByModel.put(key(cluster, framework, model), ref);
    }

    Optional<EndpointRef> endpoint(String cluster, String framework, String model) {
        return Optional.ofNullable(endpointsByModel.get(key(cluster, framework, model)));
    }

    private static String key(String cluster, String framework, String model) {
        return cluster + '\n' + framework + '\n' + model.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        submitQueue.close();
        if (results != null) {
            results.close();
        }
        poller.close();
        JettyClients.stop(http);
    }
}
