package io.inferencegateway.worker.housekeeping;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.BatchStatus;
import io.inferencegateway.spi.GetBatchStatusResponse;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.store.BatchRow;
import io.inferencegateway.worker.store.SweepRows;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks native adaptors ({@code getBatchStatus}) how their batches are doing, in the background whether or not
 * anybody asks the API (FIRST refreshed only on GET, so an unwatched batch could lose its results). Each batch is
 * leased for one poll interval, so every worker may run a poller and each batch is still asked once per interval.
 */
public final class NativePoller {

    private static final Logger LOG = LoggerFactory.getLogger(NativePoller.class);
    static final int PER_ROUND = 32;

    private final SweepRows rows;
    private final BatchRepository repository;
    private final AdaptorRegistry registry;
    private final EventPublisher events;
    private final Duration interval;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public NativePoller(SweepRows rows, BatchRepository repository, AdaptorRegistry registry, EventPublisher events,
                        Duration interval) {
        this.rows = rows;
        this.repository = repository;
        this.registry = registry;
        this.events = events;
        this.interval = interval;
    }

    /** Polls every batch that is due, concurrently; returns when all answered (or after one interval). */
    public void pollDue() throws InterruptedException {
        List<BatchRow> due = rows.claimNativeDue(interval, PER_ROUND);
        List<Future<?>> polls = due.stream().<Future<?>>map(batch -> calls.submit(() -> poll(batch))).toList();
        long deadline = System.nanoTime() + interval.toNanos();
        for (Future<?> poll : polls) {
            try {
                poll.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debug("A native status poll did not finish in its round: {}", e.toString());
            }
        }
    }

    private void poll(BatchRow batch) {
        Optional<BaseEndpoint> endpoint = registry.endpoint(batch.cluster(), batch.framework(), batch.model());
        if (endpoint.isEmpty()) {
            LOG.warn("Native batch {}: no endpoint serves {} any more; will ask again", batch.id(), batch.model());
            return;
        }
        GetBatchStatusResponse response;
        try {
            response = endpoint.get().getBatchStatus(batch.toBatchLog());
        } catch (RuntimeException e) {
            LOG.warn("getBatchStatus of batch {} threw; will ask again", batch.id(), e);
            return;
        }
        if (response.isError() || response.status() == null) {
            LOG.info("getBatchStatus of batch {} failed ({}): {}; will ask again", batch.id(), response.errorCode(),
                    response.errorMessage());
            return;
        }
        BatchStatus status = response.status();
        if (!rows.reportNative(batch.id(), status.wireName(), response.result())) {
            return;
        }
        if (status == BatchStatus.COMPLETED) {
            if (repository.transition(batch.id(), Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING)
                    && repository.transition(batch.id(), Set.of(BatchState.FINALIZING), BatchState.COMPLETED)) {
                LOG.info("Native batch {} completed", batch.id());
                events.publish(batch.id(), batch.userId(), BatchState.COMPLETED, 0, 0, 0);
            }
        } else if (status == BatchStatus.FAILED) {
            String why = response.result() == null || response.result().isBlank()
                    ? "The endpoint reported the batch as failed." : response.result();
            if (repository.markFailed(batch.id(), Set.of(BatchState.IN_PROGRESS),
                    List.of(BatchError.of("native_batch_failed", why)))) {
                LOG.info("Native batch {} failed: {}", batch.id(), why);
                events.publish(batch.id(), batch.userId(), BatchState.FAILED, 0, 0, 0);
            }
        }
    }

    public void close() {
        calls.shutdownNow();
    }
}
