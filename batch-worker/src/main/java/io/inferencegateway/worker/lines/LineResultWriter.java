package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.lines.HeldLine.State;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LaneRows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes held lines' results to PostgreSQL ({@link LaneRows#record}, where exactly-once is decided) and publishes,
 * per batch, one {@link RecordedLines} counting the lines whose write won. A line is ready to ACCEPT once its write
 * has committed; the count is published afterwards and re-sent while Kafka refuses it. When the database is away,
 * results stay in memory (their records renewed) and are written when it is back.
 */
public final class LineResultWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LineResultWriter.class);
    static final int CHUNK = 256;

    private final LaneRows lines;
    private final RecordSender sender;
    private final Topics topics;
    private final String workerId;
    private final WorkerMetrics metrics;
    private final Backoff backoff;
    private final ConcurrentLinkedQueue<RecordedLines> unsent = new ConcurrentLinkedQueue<>();
    private int failures;
    private long nextAttemptNanos;

    public LineResultWriter(LaneRows lines, RecordSender sender, Topics topics, String workerId,
                            WorkerMetrics metrics, Backoff backoff) {
        this.lines = lines;
        this.sender = sender;
        this.topics = topics;
        this.workerId = workerId;
        this.metrics = metrics;
        this.backoff = backoff;
    }

    /** Whether a write may be tried now (after a failure the writer waits a little). */
    boolean mayWrite() {
        return System.nanoTime() >= nextAttemptNanos;
    }

    /** Writes the results of the lines in state TO_WRITE and moves them to DONE. */
    void write(Collection<HeldLine> held) {
        resend();
        List<HeldLine> ready = held.stream().filter(l -> l.state == State.TO_WRITE).toList();
        if (ready.isEmpty() || !mayWrite()) {
            return;
        }
        try {
            for (int from = 0; from < ready.size(); from += CHUNK) {
                List<HeldLine> chunk = ready.subList(from, Math.min(ready.size(), from + CHUNK));
                List<LineRecord> results = chunk.stream().map(l -> l.result).toList();
                Set<String> recorded = new HashSet<>(lines.record(results, workerId));
                Map<String, RecordedLines> byBatch = new LinkedHashMap<>();
                for (HeldLine line : chunk) {
                    line.state = State.DONE;
                    if (recorded.remove(line.ref().key())) {
                        LineRecord result = line.result;
                        metrics.lineDone(line.target == null ? "none" : line.target.endpoint().endpointSlug(),
                                result.status());
                        String batchId = result.batchId();
                        byBatch.put(batchId, byBatch.getOrDefault(batchId, RecordedLines.none(batchId)).plusLine(
                                result.succeeded(), orZero(result.promptTokens()), orZero(result.completionTokens())));
                    }
                }
                byBatch.values().forEach(this::publish);
            }
            failures = 0;
        } catch (RuntimeException e) {
            long delay = backoff.delayMillis(++failures);
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            LOG.warn("Writing {} line results failed, retrying in {} ms: {}", ready.size(), delay, e.toString());
        }
    }

    private void publish(RecordedLines result) {
        try {
            sender.send(topics.results(), result.batchId(), result, (metadata, e) -> {
                if (e != null) {
                    unsent.add(result);
                }
            });
        } catch (RuntimeException e) {
            unsent.add(result);
        }
    }

    /** Counts Kafka refused: sent again (a duplicate only makes live progress briefly too high; files are exact). */
    private void resend() {
        if (unsent.isEmpty()) {
            return;
        }
        List<RecordedLines> again = new ArrayList<>();
        for (RecordedLines r = unsent.poll(); r != null; r = unsent.poll()) {
            again.add(r);
        }
        LOG.info("Sending {} result counts again", again.size());
        again.forEach(this::publish);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
