package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.Jobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FIRST's qstat function's JSON ({@code running}, {@code queued}, {@code others}, {@code private-batch-running},
 * {@code private-batch-queued}, {@code cluster_status}) as {@link Jobs}.
 */
final class QstatJobs {

    private static final Logger LOG = LoggerFactory.getLogger(QstatJobs.class);

    private QstatJobs() {
    }

    /**
     * @param managers the managers of the endpoint serving (framework, model), when known
     */
    static Jobs toJobs(JsonNode qstat, BiFunction<String, String, Optional<Integer>> managers) {
        List<JobInfo> running = new ArrayList<>();
        for (JobInfo job : jobs(qstat, "running")) {
            // FIRST keeps the job under running and marks it: clients read "Model Status".
            running.add(disconnected(job, managers) ? job.with("Model Status", Jobs.DISCONNECTED) : job);
        }
        Map<String, Object> clusterStatus = new LinkedHashMap<>();
        qstat.path("cluster_status").fields().forEachRemaining(field ->
                clusterStatus.put(field.getKey(), Json.MAPPER.convertValue(field.getValue(), Object.class)));
        return new Jobs(running, jobs(qstat, "queued"), jobs(qstat, "stopped"), jobs(qstat, "others"),
                jobs(qstat, "private-batch-running", "private_batch_running"),
                jobs(qstat, "private-batch-queued", "private_batch_queued"), clusterStatus);
    }

    /** FIRST checks the first model of a block whose model reports running. */
    private static boolean disconnected(JobInfo job, BiFunction<String, String, Optional<Integer>> managers) {
        if (!"running".equals(job.extra().get("Model Status"))) {
            return false;
        }
        String first = job.models().split(",")[0].strip();
        return managers.apply(job.framework(), first).map(count -> count == 0).orElse(false);
    }

    private static List<JobInfo> jobs(JsonNode qstat, String... keys) {
        List<JobInfo> result = new ArrayList<>();
        for (String key : keys) {
            for (JsonNode item : qstat.path(key)) {
                try {
                    result.add(Json.MAPPER.treeToValue(item, JobInfo.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    LOG.warn("Skipping a qstat entry under {} without Models, Framework and Cluster: {}", key, item);
                }
            }
        }
        return result;
    }
}
