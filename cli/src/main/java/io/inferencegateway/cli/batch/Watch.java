package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayException;
import io.inferencegateway.cli.progress.BatchSnapshot;
import io.inferencegateway.cli.progress.ProgressDisplay;
import io.inferencegateway.cli.progress.ProgressLine;
import io.inferencegateway.cli.progress.RateWindow;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Polls a batch until it ends, showing its progress: the exit code tells how it ended. The gateway unreachable for
 * a while (a restart) is shown as the waiting reason and polled through, up to {@link #UNREACHABLE_LIMIT}.
 */
final class Watch {

    static final Duration UNREACHABLE_LIMIT = Duration.ofMinutes(5);

    private final Supplier<BatchSnapshot> poll;
    private final Duration interval;
    private final Duration timeout;
    private final ProgressDisplay display;
    private final PrintStream err;

    /** @param timeout how long to wait at most, null for as long as the batch runs */
    Watch(Supplier<BatchSnapshot> poll, Duration interval, Duration timeout, ProgressDisplay display,
          PrintStream err) {
        this.poll = poll;
        this.interval = interval;
        this.timeout = timeout;
        this.display = display;
        this.err = err;
    }

    /** Watches from {@code first} on; the exit code tells how the batch ended, or that the time ran out. */
    int run(BatchSnapshot first) {
        long start = System.nanoTime();
        RateWindow rate = new RateWindow();
        BatchSnapshot batch = first;
        String shownState = null;
        long unreachableSince = -1;
        while (true) {
            long now = System.nanoTime();
            rate.add(now, batch.done());
            String line = ProgressLine.render(batch, rate.perSecond(),
                    rate.eta(batch.total() - batch.done()), Duration.ofNanos(now - start));
            String state = batch.status() + "|" + batch.waitingReason();
            if (batch.terminal()) {
                display.finish(line);
                return Batches.exitCode(batch);
            }
            display.show(line, !Objects.equals(state, shownState));
            shownState = state;
            if (timeout != null && Duration.ofNanos(now - start).compareTo(timeout) >= 0) {
                display.finish(line);
                err.println("igw: batch " + batch.id() + " is still " + batch.status() + " after " + timeout.toSeconds()
                        + " s");
                return ExitCodes.WAIT_TIMED_OUT;
            }
            sleep();
            try {
                batch = poll.get();
                unreachableSince = -1;
            } catch (GatewayException e) {
                if (e.exitCode() != ExitCodes.NETWORK) {
                    display.finish(line);
                    throw e;
                }
                long failingNow = System.nanoTime();
                unreachableSince = unreachableSince < 0 ? failingNow : unreachableSince;
                if (failingNow - unreachableSince > UNREACHABLE_LIMIT.toNanos()) {
                    display.finish(line);
                    throw e;
                }
                batch = new BatchSnapshot(batch.id(), batch.status(), false, batch.total(), batch.completed(),
                        batch.failed(), "gateway unreachable, retrying");
            }
        }
    }

    private void sleep() {
        try {
            // Polling is the point here: the gateway is asked again after the interval.
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(ExitCodes.NETWORK, 0, "", "interrupted");
        }
    }
}
