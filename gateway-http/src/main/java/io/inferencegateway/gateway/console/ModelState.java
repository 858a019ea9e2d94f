package io.inferencegateway.gateway.console;

import io.inferencegateway.spi.GetJobsResponse;

/** A model's state as the console shows it, from its cluster's {@code getJobs} answer. */
final class ModelState {

    private ModelState() {
    }

    /**
     * {@code running} or {@code queued} as the cluster lists it; {@code down} when it lists the model stopped or not
     * at all; {@code maintenance}; {@code unknown} when the cluster did not answer.
     */
    static String of(GetJobsResponse answer, String model, boolean underMaintenance) {
        if (underMaintenance) {
            return "maintenance";
        }
        if (answer == null || answer.isError()) {
            return "unknown";
        }
        return answer.jobs().statusOf(model).map(status -> switch (status) {
            case "running", "queued" -> status;
            default -> "down";
        }).orElse("down");
    }
}
