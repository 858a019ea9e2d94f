package io.inferencegateway.worker.finish;

import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.StoredFile;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.FinalizeRows;
import io.inferencegateway.worker.store.LineRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a batch to its terminal status with its files: completed (every line accounted for), cancelled or
 * expired (unfinished lines become {@code batch_cancelled} / {@code batch_expired} error lines, finished ones stay).
 * A cancelled batch is finalized once the lines already running have finished, or after a grace period.
 * Safe to call from any number of workers at once and to call again: a lease picks one finalizer, and the
 * compare-and-set finish links files at most once (a loser deletes the files it wrote).
 */
public final class Finalizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Finalizer.class);
    public static final String OUTPUT_PURPOSE = "batch_output";

    private final FinalizeRows rows;
    private final BatchRepository repository;
    private final LineRows lines;
    private final FileStore files;
    private final EventPublisher events;
    private final WorkerMetrics metrics;
    private final Duration lease;
    private final Duration cancelGrace;
    private final Path scratch;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    public Finalizer(FinalizeRows rows, BatchRepository repository, LineRows lines, FileStore files,
                     EventPublisher events, WorkerMetrics metrics, Duration lease, Duration cancelGrace,
                     Path scratch) {
        this.rows = rows;
        this.repository = repository;
        this.lines = lines;
        this.files = files;
        this.events = events;
        this.metrics = metrics;
        this.lease = lease;
        this.cancelGrace = cancelGrace;
        this.scratch = scratch;
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
        FinalizeRows.Claim claim = claimed.get();
        BatchState target = claim.target();
        if (target == BatchState.COMPLETED && claim.status() == BatchState.IN_PROGRESS
                && !repository.transition(batchId, Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING)) {
            // Cancelled or expired between the claim and now: decide again on the next sweep.
            rows.release(batchId);
            return false;
        }
        if (target == BatchState.CANCELLED) {
            lines.failPending(batchId, "batch_cancelled", "This request was cancelled before it executed.");
        } else if (target == BatchState.EXPIRED) {
            lines.failPending(batchId, "batch_expired",
                    "This request could not be executed before the completion window ended.");
        }
        LineRows.Counts counts = lines.counts(batchId);
        OutputFiles.Written written = OutputFiles.write(lines, batchId, scratch);
        String outputId = null;
        String errorId = null;
        try {
            outputId = store(claim, written.output(), written.outputLines(), batchId + "_output.jsonl");
            errorId = store(claim, written.errors(), written.errorLines(), batchId + "_error.jsonl");
            copyToFolder(claim, batchId, written);
            if (!rows.finish(batchId, target, outputId, errorId, counts)) {
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
        LOG.info("Batch {} {}: {} completed, {} failed", batchId, target.wireName(), counts.completed(),
                counts.failed());
        metrics.batchFinalized(target.wireName());
        events.publish(batchId, claim.userId(), target, counts.completed() + counts.failed(), counts.completed(),
                counts.failed());
        return true;
    }

    /** Stores a non-empty file as the owner's; an empty one is no file (OpenAI then reports null). */
    private String store(FinalizeRows.Claim claim, Path file, int lineCount, String filename) throws IOException {
        if (lineCount == 0) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            StoredFile stored = files.store(claim.userId(), OUTPUT_PURPOSE, filename, in, FileLimits.UNLIMITED);
            return stored.id();
        }
    }

    /** FIRST-style batches also get their results in the folder they named. */
    private static void copyToFolder(FinalizeRows.Claim claim, String batchId, OutputFiles.Written written) {
        if (claim.outputFolderPath() == null || claim.outputFolderPath().isBlank()) {
            return;
        }
        try {
            Path folder = Files.createDirectories(Path.of(claim.outputFolderPath()));
            if (written.outputLines() > 0) {
                Files.copy(written.output(), folder.resolve(batchId + "_output.jsonl"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            if (written.errorLines() > 0) {
                Files.copy(written.errors(), folder.resolve(batchId + "_error.jsonl"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // The files are stored either way; the folder is a convenience FIRST users rely on, so say so loudly.
            LOG.warn("Could not write the results of batch {} to {}: {}", batchId, claim.outputFolderPath(),
                    e.toString());
        }
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
