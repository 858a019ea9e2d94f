package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.LineTask;
import io.inferencegateway.validation.InferenceRequests;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.validation.RequestRejected;
import io.inferencegateway.worker.store.LineRecord;
import java.util.Optional;

/**
 * A line's body checked as an interactive call to its route is ({@link InferenceRequests}), before any adaptor
 * sees it: adaptors are promised validated bodies. A rejection becomes the line's error line, with the 400 and the
 * message that call would have got.
 */
final class LineRequests {

    private LineRequests() {
    }

    /** The error line of a body its route refuses; empty when the body passes. */
    static Optional<LineRecord> rejection(LineTask task) {
        Optional<InferenceRoute> route = InferenceRoute.of(task.url().substring("/v1/".length()));
        if (route.isEmpty()) {
            // The submission's checks let only routes with a validator through.
            return Optional.empty();
        }
        try {
            InferenceRequests.validate(route.get(), task.body());
            return Optional.empty();
        } catch (RequestRejected e) {
            return Optional.of(LineResults.rejected(task, e));
        }
    }
}
