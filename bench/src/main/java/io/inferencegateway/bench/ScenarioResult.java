package io.inferencegateway.bench;

import java.util.List;

/**
 * What one scenario of the scheduling benchmark saw, every time in milliseconds from the start of its waves.
 *
 * @param name        baseline, fair or fifo
 * @param interactive every interactive request
 * @param backend     the model's running and waiting requests, from its {@code /metrics}
 * @param progress    each batch's {@code request_counts}, polled
 * @param scheduler   the workers' view: the leader's budget and the batch lines in flight
 * @param jobs        how each batch ended; empty for the baseline
 */
record ScenarioResult(String name, List<WaveLoad.Request> interactive, List<BackendSample> backend,
                      List<ProgressSample> progress, List<SchedulerSample> scheduler, List<JobOutcome> jobs) {

    record BackendSample(long millis, double running, double waiting) {
    }

    record ProgressSample(long millis, String job, long completed, long failed, String status) {
    }

    /**
     * @param budget       the lines the leading worker lets batches run at once ({@code batch_scheduler_budget})
     * @param linesInFlight batch lines the workers hold ({@code batch_worker_lines_in_flight}, summed)
     * @param waiting      batches the leader says wait ({@code batch_scheduler_waiting_batches}, reasons but none)
     */
    record SchedulerSample(long millis, double budget, double linesInFlight, double waiting) {
    }

    /**
     * @param createdMillis when {@code POST /v1/batches} answered
     * @param endedMillis   the first poll that saw it ended; NaN when it had not by the end of the scenario
     * @param status        its last status
     */
    record JobOutcome(SchedulingPlan.Job job, String batchId, double createdMillis, double endedMillis, String status,
                      long completed, long failed) {

        double seconds() {
            return (endedMillis - createdMillis) / 1000.0;
        }

        boolean windowMet() {
            return status.equals("completed") && failed == 0
                    && seconds() <= job.windowDuration().toSeconds();
        }
    }
}
