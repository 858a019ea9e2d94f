package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.LineTask;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import io.inferencegateway.worker.Backoff;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.LineRecord;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one line through its endpoint's adaptor: retries 429s, 5xx and timeouts with backoff up to the attempt
 * limit, waits out outages (503: unreachable) behind the endpoint's {@link EndpointGate} without using attempts, and
 * turns the final answer into the line's {@link LineRecord}. Runs on a virtual thread.
 */
public final class LineExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(LineExecutor.class);

    private final int maxAttempts;
    private final Backoff backoff;
    private final WorkerMetrics metrics;

    public LineExecutor(int maxAttempts, Backoff backoff, WorkerMetrics metrics) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /**
     * Executes the line.
     *
     * @return its result, or empty when interrupted (the worker is closing) before there was one
     */
    public Optional<LineRecord> execute(LineTask task, BaseEndpoint endpoint, EndpointGate gate) {
        return execute(task, endpoint, gate, () -> null);
    }

    /**
     * Executes the line, unless {@code stop} gives the record to end with instead (its batch was cancelled or has
     * expired): asked before every call, so a call under way finishes and keeps its answer, but no retry is sent and
     * an outage is not waited out.
     *
     * @return its result, or empty when interrupted (the worker is closing) before there was one
     */
    public Optional<LineRecord> execute(LineTask task, BaseEndpoint endpoint, EndpointGate gate,
                                        Supplier<LineRecord> stop) {
        TaskRequest request = new TaskRequest(task.url().substring("/v1/".length()), task.body());
        int attempts = 0;
        int calls = 0;
        try {
            while (true) {
                if (stop.get() != null || !gate.awaitCall(() -> stop.get() != null)) {
                    return Optional.of(stop.get());
                }
                calls++;
                SubmitTaskResponse response = call(endpoint, request);
                if (!response.isError()) {
                    gate.answered();
                    return Optional.of(LineResults.success(task, response, calls));
                }
                int status = response.errorCode();
                if (status == 503) {
                    // Unreachable: the endpoint's gate paces the retries (and stops new lines); no attempt is used,
                    // so an outage delays the line, up to the batch's deadline, instead of failing it.
                    gate.unreachable();
                } else {
                    gate.answered();
                    attempts++;
                }
                if (!retryable(status) || attempts >= maxAttempts) {
                    return Optional.of(LineResults.failure(task, status, response.errorMessage(), calls));
                }
                metrics.retry(endpoint.endpointSlug());
                Thread.sleep(backoff.delayMillis(Math.max(attempts, 1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501);
    }

    private static SubmitTaskResponse call(BaseEndpoint endpoint, TaskRequest request) {
        try {
            return endpoint.submitTask(request);
        } catch (RuntimeException e) {
            // The SPI asks adaptors to answer with errors; one that throws is treated like a bad gateway.
            LOG.warn("Adaptor {} threw on a batch line", endpoint.endpointSlug(), e);
            return SubmitTaskResponse.error(502, "The adaptor failed: " + e);
        }
    }
}
