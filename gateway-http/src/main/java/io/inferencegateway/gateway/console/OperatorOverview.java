package io.inferencegateway.gateway.console;

import io.inferencegateway.gateway.inference.JobsCache;
import io.inferencegateway.gateway.inference.Maintenance;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's page at one moment: every cluster and endpoint with its state ({@code getJobs}), its recent work and
 * errors (PostgreSQL), its batch concurrency, interactive load and budget (the capacity topic); the workers; and
 * whether the console's feed reads.
 */
public final class OperatorOverview {

    static final Duration RECENT = Duration.ofMinutes(15);

    private final AdaptorRegistry registry;
    private final JobsCache jobs;
    private final Maintenance maintenance;
    private final EndpointActivity activity;
    private final CapacityBoard board;
    private final ConsoleFeed feed;

    public OperatorOverview(AdaptorRegistry registry, JobsCache jobs, Maintenance maintenance,
                            EndpointActivity activity, CapacityBoard board, ConsoleFeed feed) {
        this.registry = registry;
        this.jobs = jobs;
        this.maintenance = maintenance;
        this.activity = activity;
        this.board = board;
        this.feed = feed;
    }

    public Map<String, Object> now() {
        Map<EndpointActivity.Key, EndpointActivity.Activity> recent = activity.recent(RECENT, Instant.now());
        Map<String, CapacityBoard.EndpointLoad> loads = board.endpoints();
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (BaseCluster cluster : registry.clusters()) {
            ModelState state = ModelState.of(cluster, jobs, maintenance);
            List<Map<String, Object>> endpoints = new ArrayList<>();
            for (BaseEndpoint endpoint : registry.endpoints(cluster.clusterName())) {
                endpoints.add(endpoint(endpoint, state.of(endpoint.model()),
                        recent.getOrDefault(new EndpointActivity.Key(endpoint.cluster(), endpoint.framework(),
                                endpoint.model()), EndpointActivity.Activity.NONE),
                        loads.get(endpoint.endpointSlug())));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cluster", cluster.clusterName());
            json.put("status", state.status());
            json.put("message", state.message());
            json.put("endpoints", endpoints);
            clusters.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", System.currentTimeMillis());
        body.put("feed", Map.of("up", feed.up(), "failures", feed.failures()));
        body.put("scheduler", board.scheduler());
        body.put("workers", board.workers());
        body.put("clusters", clusters);
        body.put("recent_minutes", RECENT.toMinutes());
        return body;
    }

    private static Map<String, Object> endpoint(BaseEndpoint endpoint, String state,
                                                EndpointActivity.Activity recent, CapacityBoard.EndpointLoad load) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("slug", endpoint.endpointSlug());
        json.put("framework", endpoint.framework());
        json.put("model", endpoint.model());
        json.put("state", state);
        json.put("requests", recent.requests());
        json.put("errors", recent.errors());
        json.put("lines", recent.lines());
        json.put("failed_lines", recent.failedLines());
        json.put("active_batches", recent.batches());
        json.put("lines_left", recent.linesLeft());
        json.put("batch_running", load == null ? 0 : load.batchRunning());
        json.put("interactive", load == null ? 0 : load.interactive());
        json.put("budget", load == null ? null : load.budget());
        json.put("budget_reason", load == null ? null : load.budgetReason());
        return json;
    }
}
