package io.inferencegateway.spi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a cluster, grouped by job status, with exactly the JSON keys of FIRST's {@code JobsByStatus}.
 *
 * @param running             jobs serving requests now
 * @param queued              jobs waiting for nodes
 * @param stopped             configured models that are not running
 * @param others              anything else (starting, held, disconnected, ...)
 * @param privateBatchRunning private batch jobs running
 * @param privateBatchQueued  private batch jobs waiting
 * @param clusterStatus       free-form cluster facts, e.g. {@code {"free_nodes": 4}}
 */
@JsonPropertyOrder({"running", "queued", "stopped", "others", "private_batch_running", "private_batch_queued",
        "cluster_status"})
public record Jobs(
        @JsonProperty("running") List<JobInfo> running,
        @JsonProperty("queued") List<JobInfo> queued,
        @JsonProperty("stopped") List<JobInfo> stopped,
        @JsonProperty("others") List<JobInfo> others,
        @JsonProperty("private_batch_running") List<JobInfo> privateBatchRunning,
        @JsonProperty("private_batch_queued") List<JobInfo> privateBatchQueued,
        @JsonProperty("cluster_status") Map<String, Object> clusterStatus) {

    /** FIRST's {@code "Model Status"} of a running job whose endpoint has no workers connected. */
    public static final String DISCONNECTED = "disconnected";

    public Jobs {
        running = running == null ? List.of() : List.copyOf(running);
        queued = queued == null ? List.of() : List.copyOf(queued);
        stopped = stopped == null ? List.of() : List.copyOf(stopped);
        others = others == null ? List.of() : List.copyOf(others);
        privateBatchRunning = privateBatchRunning == null ? List.of() : List.copyOf(privateBatchRunning);
        privateBatchQueued = privateBatchQueued == null ? List.of() : List.copyOf(privateBatchQueued);
        clusterStatus = clusterStatus == null ? Map.of() : new LinkedHashMap<>(clusterStatus);
    }

    /**
     * Where the cluster lists a model: {@code "running"} if any running job serves it, else {@code "disconnected"}
     * if it is listed under running only with {@code "Model Status": "disconnected"} (as FIRST marks a job whose
     * endpoint lost its workers), else {@code "queued"}, {@code "stopped"} or {@code "others"}; empty when no job
     * names it. Models match ignoring case, one job's comma-separated list included.
     */
    public Optional<String> statusOf(String model) {
        List<JobInfo> connected = running.stream()
                .filter(job -> !DISCONNECTED.equals(job.extra().get("Model Status"))).toList();
        if (lists(connected, model)) {
            return Optional.of("running");
        }
        if (lists(running, model)) {
            return Optional.of(DISCONNECTED);
        }
        if (lists(queued, model)) {
            return Optional.of("queued");
        }
        if (lists(stopped, model)) {
            return Optional.of("stopped");
        }
        return lists(others, model) ? Optional.of("others") : Optional.empty();
    }

    private static boolean lists(List<JobInfo> jobs, String model) {
        for (JobInfo job : jobs) {
            for (String listed : job.models().split(",")) {
                if (listed.trim().equalsIgnoreCase(model)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Jobs with only running, queued and stopped entries and a cluster status. */
    public static Jobs of(List<JobInfo> running, List<JobInfo> queued, List<JobInfo> stopped,
                          Map<String, Object> clusterStatus) {
        return new Jobs(running, queued, stopped, List.of(), List.of(), List.of(), clusterStatus);
    }
}
