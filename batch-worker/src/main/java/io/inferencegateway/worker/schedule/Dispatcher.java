package io.inferencegateway.worker.schedule;

import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.worker.config.SchedulingSettings;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.lines.Endpoints;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.DispatchRows;
import io.inferencegateway.worker.supervision.Loop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch dispatch: every worker runs one, and the one holding the scheduler's lease in PostgreSQL leads
 * ({@link LeaderTerm}); the others only keep asking for the lease, so when the leader dies another takes over within
 * the lease's few seconds, while the lines already on the topic keep the workers busy. Renewed every second.
 */
public final class Dispatcher implements Loop {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long LEASE_CHECK_MILLIS = 1_000;

    private final SchedulingSettings settings;
    private final DispatchRows rows;
    private final String workerId;
    private final WorkerMetrics metrics;
    private final Supplier<LeaderTerm> terms;
    private final CapacityBoard board;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public Dispatcher(SchedulingSettings settings, DispatchRows rows, AdaptorRegistry registry, Endpoints endpoints,
                      RecordSender sender, RecordSender capacity, Topics topics, CapacityBoard board,
                      EventPublisher events,
                      WorkerMetrics metrics, String workerId, Supplier<Consumer<String, RecordedLines>> results,
                      PartitionBacklog.LagReader lineLags) {
        this.settings = settings;
        this.rows = rows;
        this.workerId = workerId;
        this.metrics = metrics;
        this.board = board;
        this.terms = () -> new LeaderTerm(settings, rows, registry, endpoints, sender, capacity, topics, board, events,
                metrics, workerId, results.get(), new PartitionBacklog(lineLags));
    }

    @Override
    public void run() {
        LeaderTerm term = null;
        try {
            long nextLeaseCheck = 0;
            while (closing.getCount() > 0) {
                long now = System.currentTimeMillis();
                if (now >= nextLeaseCheck) {
                    boolean holds = rows.holdLease(workerId, settings.lease());
                    nextLeaseCheck = now + LEASE_CHECK_MILLIS;
                    if (holds && term == null) {
                        LOG.info("Worker {} leads batch dispatch ({})", workerId,
                                settings.fair() ? "fair: deadlines, users in turn, shared budgets" : "fifo");
                        term = terms.get();
                        metrics.leading(true);
                    } else if (!holds && term != null) {
                        LOG.warn("Worker {} lost the scheduler's lease; another worker leads dispatch", workerId);
                        term.close();
                        term = null;
                        metrics.leading(false);
                    }
                }
                if (term != null) {
                    long reports = board.interactiveReports();
                    term.tick(now);
                    // The next tick, or sooner when a gateway reports (its load rose): batches give way at once.
                    board.awaitInteractiveReport(reports, settings.tick().toMillis());
                } else {
                    closing.await(LEASE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (term != null) {
                term.close();
                metrics.leading(false);
                try {
                    rows.releaseLease(workerId);
                } catch (RuntimeException e) {
                    LOG.debug("Scheduler lease not released (it runs out by itself): {}", e.toString());
                }
            }
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
