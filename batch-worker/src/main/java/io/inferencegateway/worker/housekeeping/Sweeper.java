package io.inferencegateway.worker.housekeeping;

import io.inferencegateway.batch.BatchSubmission;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.worker.config.WorkerSettings;
import io.inferencegateway.worker.finish.Finalizer;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.store.SweepRows;
import io.inferencegateway.worker.supervision.Loop;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background duties every worker shares, on one thread: re-publish submissions of stuck batches (an accepted
 * batch is never lost), dispatch the pending lines of stalled ones again, finalize batches that are cancelling, expired or done
 * (covering a lost progress record or a finalizer that died), poll native batches, refresh lag metrics, and remove
 * the lines of batches that ended longer ago than the retention ({@link LineRetention}).
 * Every step claims its rows, so running it in many workers at once is safe.
 */
public final class Sweeper implements Loop {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final SweepRows rows;
    private final Finalizer finalizer;
    private final NativePoller nativePoller;
    private final RecordSender sender;
    private final Topics topics;
    private final WorkerSettings settings;
    private final Step refreshMetrics;
    private final LineRetention retention;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public Sweeper(SweepRows rows, Finalizer finalizer, NativePoller nativePoller, RecordSender sender, Topics topics,
                   WorkerSettings settings, Step refreshMetrics, LineRetention retention) {
        this.rows = rows;
        this.finalizer = finalizer;
        this.nativePoller = nativePoller;
        this.sender = sender;
        this.topics = topics;
        this.settings = settings;
        this.refreshMetrics = refreshMetrics;
        this.retention = retention;
    }

    @Override
    public void run() {
        long tick = Math.min(settings.sweepInterval().toMillis(), settings.nativePollInterval().toMillis());
        long nextSweep = System.nanoTime();
        boolean first = true;
        try {
            while (!stopping.await(first ? 0 : tick, TimeUnit.MILLISECONDS)) {
                first = false;
                step("native poll", () -> nativePoller.pollDue());
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + settings.sweepInterval().toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** One round of every duty but native polling; public for tests that want a round now. */
    public void sweep() {
        step("repair", () -> {
            List<String> stalled = rows.markStalled(settings.stalledAfter());
            if (!stalled.isEmpty()) {
                LOG.warn("Lines of batches {} made no progress for {}; dispatching their pending lines again", stalled,
                        settings.stalledAfter());
            }
            List<String> stuck = rows.claimStuck(settings.stuckAfter());
            if (!stuck.isEmpty()) {
                LOG.info("Publishing the submissions of stuck batches {} again", stuck);
                RecordSender.Batch sends = sender.batch();
                stuck.forEach(id -> sends.send(topics.submissions(), id, new BatchSubmission(id)));
                sends.await();
            }
        });
        step("finalize", () -> rows.finalizable(settings.cancelGrace()).forEach(finalizer::request));
        step("metrics", refreshMetrics);
        step("retention", retention::sweep);
    }

    /** One duty; its failure is logged and retried on the next round. */
    public interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Housekeeping step '{}' failed, will retry: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
