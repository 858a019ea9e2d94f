package io.inferencegateway.worker.schedule;

import io.inferencegateway.spi.BaseEndpoint;

/**
 * One endpoint as the leading scheduler sees it: its learned budget, the order its batches' lines go in, the batch
 * lines it may run now, how fast they finish, and why its batches wait, if they do. Not thread-safe.
 */
final class EndpointSchedule {

    final BaseEndpoint endpoint;
    final AdaptiveBudget budget;
    final FairOrder order = new FairOrder();
    /** Batch lines that may run at once over all workers. */
    int limit;
    /** Whether the budget was worked out once: no line goes out on a guess. */
    boolean budgeted;
    /** Lines of this endpoint dispatched and not finished. */
    int outstanding;
    /** Lines finished per second over the endpoint's batches, smoothed. */
    double pace;
    int finishedSinceLastPace;
    /** Why the endpoint's batches wait, or null. */
    String waitingReason;
    /** Why the budget is below the cap, or null. */
    String budgetReason;
    /** Batch calls under way that may go on beside interactive requests (beyond them they are cut), or -1: all. */
    int keep = -1;

    EndpointSchedule(BaseEndpoint endpoint, AdaptiveBudget budget, int initialLimit) {
        this.endpoint = endpoint;
        this.budget = budget;
        this.limit = initialLimit;
    }

    String slug() {
        return endpoint.endpointSlug();
    }
}
