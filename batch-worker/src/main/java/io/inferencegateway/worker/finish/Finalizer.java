package io.inferencegateway.worker.finish;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.StoredFile;
import io.inferencegateway.paths.PathRefused;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.FinishRows;
import io.inferencegateway.worker.store.LineRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a batch to its terminal status with its files: completed (every line accounted for), cancelled or
 * expired (unfinished lines become {@code batch_cancelled} / {@code batch_expired} error lines, finished ones stay),
 * or failed when a FIRST-style batch's output folder is refused ({@link OutputFolders}).
 * A cancelled batch is finalized once the lines already running have finished, or after a grace period.
 * Safe to call from any number of workers at once and to call again: a lease picks one finalizer, and the
 * compare-and-set finish links files at most once (a loser deletes the files it wrote).
 */
public final class Finalizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Finalizer.class);
    public static final String OUTPUT_PURPOSE = "batch_output";

    private final FinishRows rows;
    private final FileStore files;
    private final EventPublisher events;
    private final WorkerMetrics metrics;
    private final Duration lease;
    private final Duration cancelGrace;
    private final Path scratch;
    private final OutputFolders outputFolders;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    public Finalizer(FinishRows rows, FileStore files, EventPublisher events, WorkerMetrics metrics, Duration lease,
                     Duration cancelGrace, Path scratch, OutputFolders outputFolders) {
        this.rows = rows;
        this.files = files;
        this.events = events;
        this.metrics = metrics;
        this.lease = lease;
        this.cancelGrace = cancelGrace;
        this.scratch = scratch;
        this.outputFolders = outputFolders;
    }

    /** Finalizes in the background, once at a time per batch; failures are left to the next sweep. */
    public void request(String batchId) {
        if (!requested.add(batchId)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    finalizeNow(batchId);
                } catch (RuntimeException | IOException e) {
                    LOG.warn("Finalizing batch {} failed, a later sweep retries: {}", batchId, e.toString());
                } finally {
                    requested.remove(batchId);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            requested.remove(batchId);
        }
    }

    /** @return whether this call finished the batch */
    public boolean finalizeNow(String batchId) throws IOException {
        var claimed = rows.claim(batchId, lease, cancelGrace);
        if (claimed.isEmpty()) {
            return false;
        }
        FinishRows.Claim claim = claimed.get();
        BatchState target = claim.target();
        if (target == BatchState.COMPLETED && claim.status() == BatchState.IN_PROGRESS
                && !rows.startFinalizing(batchId)) {
            // Cancelled or expired between the claim and now: decide again on the next sweep.
            rows.release(batchId);
            return false;
        }
        if (target == BatchState.CANCELLED) {
            rows.failPending(batchId, "batch_cancelled", "This request was cancelled before it executed.");
        } else if (target == BatchState.EXPIRED) {
            rows.failPending(batchId, "batch_expired",
                    "This request could not be executed before the completion window ended.");
        }
        LineRows.Counts counts = rows.counts(batchId);
        OutputFiles.Written written = OutputFiles.write(rows, batchId, scratch);
        String outputId = null;
        String errorId = null;
        List<BatchError> failure;
        try {
            outputId = store(claim, written.output(), written.outputLines(), batchId + "_output.jsonl");
            errorId = store(claim, written.errors(), written.errorLines(), batchId + "_error.jsonl");
            failure = copyToFolder(claim, batchId, written);
            if (!rows.finish(batchId, target, outputId, errorId, counts, failure)) {
                LOG.info("Batch {} was finalized by another worker; removing this worker's files", batchId);
                deleteQuietly(claim.userId(), outputId);
                deleteQuietly(claim.userId(), errorId);
                return false;
            }
        } catch (RuntimeException | IOException e) {
            deleteQuietly(claim.userId(), outputId);
            deleteQuietly(claim.userId(), errorId);
            throw e;
        } finally {
            written.delete();
        }
        BatchState reached = failure.isEmpty() ? target : BatchState.FAILED;
        LOG.info("Batch {} {}: {} completed, {} failed", batchId, reached.wireName(), counts.completed(),
                counts.failed());
        metrics.batchFinalized(reached.wireName());
        events.publish(batchId, claim.userId(), reached, counts.completed() + counts.failed(), counts.completed(),
                counts.failed());
        return true;
    }

    /** Stores a non-empty file as the owner's; an empty one is no file (OpenAI then reports null). */
    private String store(FinishRows.Claim claim, Path file, int lineCount, String filename) throws IOException {
        if (lineCount == 0) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            StoredFile stored = files.store(claim.userId(), OUTPUT_PURPOSE, filename, in, FileLimits.UNLIMITED);
            return stored.id();
        }
    }

    /**
     * FIRST-style batches also get their results in the folder they named. A folder its owner may not write to (a
     * link swapped in since the batch was validated) fails the batch, with the reason in its errors.
     *
     * @return the error that fails the batch, or nothing
     */
    private List<BatchError> copyToFolder(FinishRows.Claim claim, String batchId, OutputFiles.Written written) {
        if (claim.outputFolderPath() == null || claim.outputFolderPath().isBlank()) {
            return List.of();
        }
        Map<String, Path> files = new LinkedHashMap<>();
        if (written.outputLines() > 0) {
            files.put(batchId + "_output.jsonl", written.output());
        }
        if (written.errorLines() > 0) {
            files.put(batchId + "_error.jsonl", written.errors());
        }
        try {
            outputFolders.write(claim.userId(), claim.outputFolderPath(), files);
        } catch (PathRefused e) {
            LOG.warn("Batch {} fails: its output folder is refused: {}", batchId, e.getMessage());
            return List.of(new BatchError(e.code(), e.getMessage(), e.param(), null));
        } catch (IOException | RuntimeException e) {
            // The files are stored either way; the folder is a convenience FIRST users rely on, so say so loudly.
            LOG.warn("Could not write the results of batch {} to {}: {}", batchId, claim.outputFolderPath(),
                    e.toString());
        }
        return List.of();
    }

    private void deleteQuietly(String userId, String fileId) {
        if (fileId == null) {
            return;
        }
        try {
            files.delete(userId, fileId);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete file {}: {}", fileId, e.toString());
        }
    }

    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            background.shutdownNow();
        }
    }
}
