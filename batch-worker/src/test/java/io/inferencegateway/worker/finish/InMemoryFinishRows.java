package io.inferencegateway.worker.finish;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.worker.store.FinalizeRows;
import io.inferencegateway.worker.store.FinishRows;
import io.inferencegateway.worker.store.LineRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code batches} and {@code batch_lines} as a finalizer sees them, in memory, with the rules of {@link FinalizeRows}:
 * a claim only when the batch is ready and nobody holds the lease, a finish only while the claim stands and no files
 * are linked. The test decides when a lease runs out, and may act just after a claim or just before a finish, as
 * another worker or a user would in between.
 */
final class InMemoryFinishRows implements FinishRows {

    /** A batch row. */
    static final class Batch {
        BatchState status;
        final String userId;
        String outputFolderPath;
        boolean pastDeadline;
        Duration cancellingFor = Duration.ZERO;
        BatchState finalizeTarget;
        boolean leased;
        String outputFileId;
        String errorFileId;
        List<BatchError> errors = List.of();
        LineRows.Counts counts;

        Batch(BatchState status, String userId) {
            this.status = status;
            this.userId = userId;
        }
    }

    /** A line row. */
    static final class Line {
        final String customId;
        final int lineNumber;
        String status = LineRows.PENDING;
        Integer responseStatus;
        String responseBody;
        String errorCode;
        String errorMessage;
        String requestId;
        long promptTokens;
        long completionTokens;

        Line(String customId, int lineNumber) {
            this.customId = customId;
            this.lineNumber = lineNumber;
        }
    }

    private final Map<String, Batch> batches = new HashMap<>();
    private final Map<String, List<Line>> lines = new HashMap<>();
    private Runnable afterClaim = () -> { };
    private Runnable beforeFinish = () -> { };

    synchronized Batch batch(String batchId, BatchState status, String userId) {
        Batch batch = new Batch(status, userId);
        batches.put(batchId, batch);
        lines.put(batchId, new ArrayList<>());
        return batch;
    }

    synchronized Batch batch(String batchId) {
        return batches.get(batchId);
    }

    /** A line as it was read from the input, {@code lineNumber} being its place there; pending until answered. */
    synchronized Line line(String batchId, String customId, int lineNumber) {
        Line line = new Line(customId, lineNumber);
        lines.get(batchId).add(line);
        return line;
    }

    synchronized List<Line> lines(String batchId) {
        return List.copyOf(lines.get(batchId));
    }

    /** The lease of whoever holds it runs out, as when a finalizer is slower than its lease or dies. */
    synchronized void leaseRunsOut(String batchId) {
        batches.get(batchId).leased = false;
    }

    /** Runs {@code action} once, right after the next claim. */
    synchronized void afterNextClaim(Runnable action) {
        this.afterClaim = once(action);
    }

    /** Runs {@code action} once, right before the next finish is attempted. */
    synchronized void beforeNextFinish(Runnable action) {
        this.beforeFinish = once(action);
    }

    private static Runnable once(Runnable action) {
        boolean[] ran = new boolean[1];
        return () -> {
            if (!ran[0]) {
                ran[0] = true;
                action.run();
            }
        };
    }

    @Override
    public Optional<Claim> claim(String batchId, Duration lease, Duration cancelGrace) {
        Optional<Claim> claim;
        synchronized (this) {
            Batch b = batches.get(batchId);
            if (b == null || b.leased || !EnumSet.of(BatchState.VALIDATING, BatchState.IN_PROGRESS,
                    BatchState.FINALIZING, BatchState.CANCELLING).contains(b.status)) {
                return Optional.empty();
            }
            boolean pending = lines.get(batchId).stream().anyMatch(l -> LineRows.PENDING.equals(l.status));
            BatchState target = null;
            if (b.status == BatchState.CANCELLING) {
                target = !pending || b.cancellingFor.compareTo(cancelGrace) > 0 ? BatchState.CANCELLED : null;
            } else if (b.status == BatchState.FINALIZING) {
                target = BatchState.COMPLETED;
            } else if (b.pastDeadline) {
                target = BatchState.EXPIRED;
            } else if (b.status == BatchState.IN_PROGRESS && !lines.get(batchId).isEmpty() && !pending) {
                target = BatchState.COMPLETED;
            }
            if (target == null) {
                return Optional.empty();
            }
            b.finalizeTarget = target;
            b.leased = true;
            claim = Optional.of(new Claim(target, b.status, b.userId, b.outputFolderPath));
        }
        afterClaim.run();
        return claim;
    }

    @Override
    public synchronized boolean startFinalizing(String batchId) {
        Batch b = batches.get(batchId);
        if (b.status != BatchState.IN_PROGRESS) {
            return false;
        }
        b.status = BatchState.FINALIZING;
        return true;
    }

    @Override
    public synchronized void release(String batchId) {
        Batch b = batches.get(batchId);
        b.finalizeTarget = null;
        b.leased = false;
    }

    @Override
    public synchronized int failPending(String batchId, String code, String message) {
        int failed = 0;
        for (Line line : lines.get(batchId)) {
            if (LineRows.PENDING.equals(line.status)) {
                line.status = LineRows.FAILED;
                line.errorCode = code;
                line.errorMessage = message;
                failed++;
            }
        }
        return failed;
    }

    @Override
    public synchronized LineRows.Counts counts(String batchId) {
        List<Line> all = lines.get(batchId);
        return new LineRows.Counts(count(all, LineRows.COMPLETED), count(all, LineRows.FAILED),
                count(all, LineRows.PENDING), all.stream().mapToLong(l -> l.promptTokens).sum(),
                all.stream().mapToLong(l -> l.completionTokens).sum());
    }

    private static int count(List<Line> lines, String status) {
        return (int) lines.stream().filter(l -> status.equals(l.status)).count();
    }

    @Override
    public void forEachInOrder(String batchId, LineRows.LineSink sink) {
        List<LineRows.FinishedLine> ordered;
        synchronized (this) {
            ordered = lines.get(batchId).stream().sorted(Comparator.comparingInt(l -> l.lineNumber))
                    .map(l -> new LineRows.FinishedLine(l.customId, l.lineNumber, l.status, l.responseStatus,
                            l.responseBody, l.errorCode, l.errorMessage, l.requestId))
                    .toList();
        }
        try {
            for (LineRows.FinishedLine line : ordered) {
                sink.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean finish(String batchId, BatchState target, String outputFileId, String errorFileId,
                          LineRows.Counts counts, List<BatchError> failure) {
        beforeFinish.run();
        synchronized (this) {
            Batch b = batches.get(batchId);
            Set<BatchState> from = switch (target) {
                case COMPLETED -> Set.of(BatchState.FINALIZING);
                case CANCELLED -> Set.of(BatchState.CANCELLING);
                case EXPIRED -> Set.of(BatchState.VALIDATING, BatchState.IN_PROGRESS);
                default -> throw new IllegalArgumentException("Not a finalization target: " + target);
            };
            if (b.finalizeTarget != target || !from.contains(b.status) || b.outputFileId != null
                    || b.errorFileId != null) {
                return false;
            }
            b.status = failure.isEmpty() ? target : BatchState.FAILED;
            b.errors = failure;
            b.outputFileId = outputFileId;
            b.errorFileId = errorFileId;
            b.counts = counts;
            b.leased = false;
            return true;
        }
    }
}
