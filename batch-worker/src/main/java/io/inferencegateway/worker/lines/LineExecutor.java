package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.LineTask;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.LineRecord;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one line through its endpoint's adaptor, once its body has passed the validation an interactive call gets
 * ({@link LineRequests}): retries 429s, 5xx and timeouts with backoff up to the attempt limit, waits out outages
 * (503: unreachable) behind the endpoint's {@link EndpointGate} without using attempts, and turns the final answer
 * into the line's {@link LineRecord}. Runs on a virtual thread.
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

    /** How a lane steers a running line. */
    public interface Control {

        /** Lets the line run to its end. */
        Control NONE = new Control() {
            @Override
            public LineRecord stopWith() {
                return null;
            }

            @Override
            public void betweenCalls() {
            }

            @Override
            public void preempted() {
            }
        };

        /** What the line ends with instead of its next call (its batch was cancelled or has expired), or null. */
        LineRecord stopWith();

        /** The line is between calls: backing off before a retry, or waiting for its endpoint to come back. */
        void betweenCalls();

        /**
         * The line's call was cut short to give its slot to interactive requests ({@link EndpointGate#cutCallsTo}):
         * it has no result and has spent no attempt, and waits for a slot again.
         */
        void preempted();
    }

    /**
     * Executes the line.
     *
     * @return its result, or empty when interrupted (the worker is closing) before there was one
     */
    public Optional<LineRecord> execute(LineTask task, BaseEndpoint endpoint, EndpointGate gate) {
        return execute(task, endpoint, gate, Control.NONE);
    }

    /**
     * Executes the line, unless {@code control} gives the record to end with instead: asked before every call, and
     * within a second while waiting, so a call under way finishes and keeps its result, but no retry is sent and an
     * outage is not waited out.
     *
     * <p>Through an adaptor whose asynchronous form is its own (so that cancelling it aborts the request), a call may
     * be cut short while under way: then {@code control} is told, and the line ends without a result.
     *
     * @return its result, or empty when interrupted (the worker is closing) or cut short before there was one
     */
    public Optional<LineRecord> execute(LineTask task, BaseEndpoint endpoint, EndpointGate gate, Control control) {
        Optional<LineRecord> rejected = LineRequests.rejection(task);
        if (rejected.isPresent()) {
            return rejected;
        }
        TaskRequest request = new TaskRequest(task.url().substring("/v1/".length()), task.body());
        int attempts = 0;
        int calls = 0;
        try {
            while (true) {
                // A line that finds its endpoint down, even before its first call, waits between calls: its lane
                // reads its batch again meanwhile, and may stop it.
                if (control.stopWith() != null
                        || !gate.awaitCall(() -> control.stopWith() != null, control::betweenCalls)) {
                    return Optional.of(control.stopWith());
                }
                calls++;
                long started = System.nanoTime();
                SubmitTaskResponse response = call(endpoint, request, gate);
                if (response == null) {
                    metrics.preempted(endpoint.endpointSlug());
                    control.preempted();
                    return Optional.empty();
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (!response.isError()) {
                    gate.answered();
                    LineRecord success = LineResults.success(task, response, calls);
                    gate.stats().record(200, millis, success.completionTokens() == null ? 0
                            : success.completionTokens());
                    return Optional.of(success);
                }
                int status = response.errorCode();
                gate.stats().record(status, millis, 0);
                if (status == 503) {
                    // Unreachable: the endpoint's gate paces the retries (and stops new lines); no attempt is used,
                    // so an outage delays the line, until its batch is cancelled or expires, instead of failing it.
                    gate.unreachable();
                } else {
                    gate.answered();
                    attempts++;
                }
                if (!retryable(status) || attempts >= maxAttempts) {
                    return Optional.of(LineResults.failure(task, status, response.errorMessage(), calls));
                }
                metrics.retry(endpoint.endpointSlug());
                control.betweenCalls();
                backOff(attempts, control);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Sleeps before a retry, in slices of at most a second so that a stop is seen within one. */
    private void backOff(int attempts, Control control) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.delayMillis(Math.max(attempts, 1)));
        for (long left = until - System.nanoTime(); left > 0 && control.stopWith() == null;
                left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501);
    }

    /** The adaptor's answer, or null when the call was cut short. */
    private static SubmitTaskResponse call(BaseEndpoint endpoint, TaskRequest request, EndpointGate gate)
            throws InterruptedException {
        if (!endpoint.submitTaskAsyncIsNative()) {
            // Waiting on the default asynchronous form would not stop the blocking call under it: never cut short.
            try {
                return endpoint.submitTask(request);
            } catch (RuntimeException e) {
                return adaptorFailed(endpoint, e);
            }
        }
        CompletableFuture<SubmitTaskResponse> answer;
        try {
            answer = endpoint.submitTaskAsync(request).toCompletableFuture();
        } catch (RuntimeException e) {
            return adaptorFailed(endpoint, e);
        }
        AtomicBoolean cut = new AtomicBoolean();
        EndpointGate.Call call = () -> {
            cut.set(true);
            answer.cancel(true);
        };
        gate.calling(call);
        try {
            return answer.get();
        } catch (CancellationException e) {
            // Only a cut of ours sends the line back to wait; an adaptor that cancels its own stage has failed.
            return cut.get() ? null : adaptorFailed(endpoint, e);
        } catch (ExecutionException e) {
            return adaptorFailed(endpoint, e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } finally {
            gate.ended(call);
        }
    }

    /** The SPI asks adaptors to answer with errors; one that throws is treated like a bad gateway. */
    private static SubmitTaskResponse adaptorFailed(BaseEndpoint endpoint, Throwable e) {
        LOG.warn("Adaptor {} threw on a batch line", endpoint.endpointSlug(), e);
        return SubmitTaskResponse.error(502, "The adaptor failed: " + e);
    }
}
