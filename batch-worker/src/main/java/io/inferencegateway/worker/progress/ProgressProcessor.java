package io.inferencegateway.worker.progress;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.RecordedLines;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts line results per batch in a state store (exactly once, with the Streams transaction), and every
 * {@code interval} writes the changed batches' counts to PostgreSQL in one statement, emits a progress
 * {@link BatchEvent} for each, and asks for finalization of those whose every line is accounted for. A batch whose
 * last lines are counted is written and finalized at once, not at the next interval: its line count is known from
 * the flushes before (a batch done within its first interval waits for it).
 */
final class ProgressProcessor implements Processor<String, RecordedLines, String, BatchEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressProcessor.class);

    private final ProgressSink rows;
    private final Consumer<String> finalize;
    private final Duration interval;
    private final Set<String> dirty = new LinkedHashSet<>();
    /** Lines of each batch still running, as the last flush read them. */
    private final Map<String, Integer> totals = new HashMap<>();
    private ProcessorContext<String, BatchEvent> context;
    private KeyValueStore<String, Progress> store;

    ProgressProcessor(ProgressSink rows, Consumer<String> finalize, Duration interval) {
        this.rows = rows;
        this.finalize = finalize;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, BatchEvent> context) {
        this.context = context;
        this.store = context.getStateStore(ProgressTopology.STORE);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> flush(now));
    }

    @Override
    public void process(Record<String, RecordedLines> record) {
        RecordedLines result = record.value();
        if (result == null || result.batchId() == null) {
            return;
        }
        Progress before = store.get(result.batchId());
        Progress after = (before == null ? Progress.NONE : before).plus(result);
        store.put(result.batchId(), after);
        dirty.add(result.batchId());
        Integer total = totals.get(result.batchId());
        if (total != null && after.done() >= total) {
            flush(context.currentSystemTimeMs());
        }
    }

    private void flush(long now) {
        if (dirty.isEmpty()) {
            return;
        }
        Map<String, Progress> changed = new HashMap<>();
        for (String batchId : dirty) {
            Progress progress = store.get(batchId);
            if (progress != null) {
                changed.put(batchId, progress);
            }
        }
        List<ProgressSink.Running> running;
        try {
            running = rows.update(changed);
        } catch (RuntimeException e) {
            LOG.warn("Could not store the progress of {} batches, will retry: {}", changed.size(), e.toString());
            return;
        }
        Set<String> stillRunning = new java.util.HashSet<>();
        for (ProgressSink.Running batch : running) {
            stillRunning.add(batch.batchId());
            Progress progress = changed.get(batch.batchId());
            context.forward(new Record<>(batch.batchId(), new BatchEvent(batch.batchId(), batch.userId(),
                    batch.status(), batch.total(), progress.completed(), progress.failed(), now), now));
            if (batch.total() > 0 && progress.done() >= batch.total()) {
                finalize.accept(batch.batchId());
                stillRunning.remove(batch.batchId());
            } else if (batch.total() > 0) {
                totals.put(batch.batchId(), batch.total());
            }
        }
        // Batches that are complete, finalized (with exact counts) or removed need no more counting.
        changed.keySet().stream().filter(id -> !stillRunning.contains(id)).forEach(id -> {
            store.delete(id);
            totals.remove(id);
        });
        dirty.clear();
    }
}
