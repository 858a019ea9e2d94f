package io.inferencegateway.gateway.console;

import io.inferencegateway.gateway.inference.JobsCache;
import io.inferencegateway.gateway.inference.Maintenance;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.GetJobsResponse;
import java.util.Optional;

/**
 * A cluster's state as the console shows it, from its maintenance notice or its {@code getJobs} answer (cached), and
 * each model's state on it.
 *
 * @param status  {@code ok}, {@code maintenance}, or {@code unavailable} when the cluster did not answer
 * @param message the maintenance notice or the cluster's error, or null
 */
record ModelState(String status, String message, GetJobsResponse answer) {

    static ModelState of(BaseCluster cluster, JobsCache jobs, Maintenance maintenance) {
        Optional<String> notice = maintenance.notice(cluster.clusterName());
        if (notice.isPresent()) {
            return new ModelState("maintenance", notice.get(), null);
        }
        GetJobsResponse answer = jobs.jobs(cluster);
        return answer.isError() ? new ModelState("unavailable", answer.errorMessage(), answer)
                : new ModelState("ok", null, answer);
    }

    /**
     * {@code running} or {@code queued} as the cluster lists the model; {@code down} when it lists it stopped or not
     * at all; {@code maintenance}; {@code unknown} when the cluster did not answer.
     */
    String of(String model) {
        if (status.equals("maintenance")) {
            return "maintenance";
        }
        if (answer == null || answer.isError()) {
            return "unknown";
        }
        return answer.jobs().statusOf(model).map(state -> switch (state) {
            case "running", "queued" -> state;
            default -> "down";
        }).orElse("down");
    }
}
