package io.inferencegateway.worker.lines;

import io.inferencegateway.capacity.WorkerReport.EndpointLoad;
import java.util.concurrent.atomic.LongAdder;

/**
 * How one endpoint's calls from this worker ended since the last report, counted without a lock on the lines' hot
 * path and drained by the worker's capacity report.
 */
public final class CallStats {

    private final LongAdder calls = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder unreachable = new LongAdder();
    private final LongAdder latencyMillis = new LongAdder();
    private final LongAdder tokens = new LongAdder();

    /** A call that ended with {@code status} (200 for success) after {@code millis}, making {@code tokens}. */
    public void record(int status, long millis, int completionTokens) {
        calls.increment();
        if (status >= 200 && status < 300) {
            succeeded.increment();
            latencyMillis.add(millis);
            tokens.add(Math.max(0, completionTokens));
        } else if (status == 429) {
            throttled.increment();
        } else if (status == 503) {
            unreachable.increment();
        } else if (status == 408 || status == 504) {
            timeouts.increment();
        } else if (status >= 500) {
            failed.increment();
        }
    }

    /** The counts since the last drain, which start again from zero. */
    EndpointLoad drain(String endpoint, int running, boolean down) {
        return new EndpointLoad(endpoint, (int) calls.sumThenReset(), (int) succeeded.sumThenReset(),
                (int) throttled.sumThenReset(), (int) failed.sumThenReset(), (int) timeouts.sumThenReset(),
                (int) unreachable.sumThenReset(), latencyMillis.sumThenReset(), tokens.sumThenReset(), running, down);
    }
}
