package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.LineResult;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.worker.lines.HeldLine.State;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LineRows;
import io.inferencegateway.worker.store.LineRows.LineState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines topic's share-group member. One platform thread owns the {@link KafkaShareConsumer} (it is not
 * thread-safe) and runs this cycle: poll, check new lines against the database, start those whose endpoint has a
 * free slot on virtual threads, wait for results or the next renewal, write results (exactly once, see
 * {@link LineResultWriter}), then acknowledge every record of the last poll: ACCEPT once its result is durable,
 * RENEW while it waits or runs, RELEASE only when the worker closes without a result.
 */
public final class LineConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LineConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final long BUSY_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long QUIET_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final KafkaShareConsumer<String, LineTask> consumer;
    private final String topic;
    private final LineRows lines;
    private final Endpoints endpoints;
    private final LineExecutor executor;
    private final LineResultWriter writer;
    private final int maxHeld;
    private final java.util.concurrent.atomic.AtomicInteger inFlight;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<HeldLine> finished = new LinkedBlockingQueue<>();
    private final Map<HeldLine.Id, HeldLine> held = new LinkedHashMap<>();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private List<ConsumerRecord<String, LineTask>> toAcknowledge = List.of();
    private volatile boolean stopping;
    private long lastPollNanos;
    private boolean lastPollBroughtNew;
    private long renewIntervalNanos = TimeUnit.SECONDS.toNanos(10);
    private long nextCheckNanos;

    public LineConsumer(KafkaShareConsumer<String, LineTask> consumer, String topic, LineRows lines,
                        Endpoints endpoints, LineExecutor executor, LineResultWriter writer, int maxHeld,
                        java.util.concurrent.atomic.AtomicInteger inFlight) {
        this.consumer = consumer;
        this.topic = topic;
        this.lines = lines;
        this.endpoints = endpoints;
        this.executor = executor;
        this.writer = writer;
        this.maxHeld = maxHeld;
        this.inFlight = inFlight;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!stopping) {
                ConsumerRecords<String, LineTask> records = consumer.poll(held.isEmpty() ? IDLE_POLL : Duration.ZERO);
                lastPollNanos = System.nanoTime();
                consumer.acquisitionLockTimeoutMs().ifPresent(ms -> renewIntervalNanos =
                        TimeUnit.MILLISECONDS.toNanos(Math.max(1_000, ms / 3)));
                absorb(records);
                collectFinished();
                check();
                writer.write(held.values());
                acknowledge(false);
                dispatch();
                awaitActivity();
            }
        } catch (WakeupException e) {
            // close() woke us up.
        } catch (RuntimeException e) {
            LOG.error("The lines consumer stopped on an unexpected error; its lines go to other workers", e);
        } finally {
            shutDown();
            stopped.countDown();
        }
    }

    private void absorb(ConsumerRecords<String, LineTask> records) {
        long now = System.nanoTime();
        List<ConsumerRecord<String, LineTask>> delivered = new ArrayList<>(records.count());
        boolean anyNew = false;
        for (ConsumerRecord<String, LineTask> record : records) {
            delivered.add(record);
            HeldLine line = held.get(HeldLine.Id.of(record));
            if (line == null) {
                held.put(HeldLine.Id.of(record), new HeldLine(record, now));
                anyNew = true;
            } else {
                // A renewed record comes back with every poll; acknowledge the latest delivery.
                line.record = record;
                line.lastSeenNanos = now;
            }
        }
        lastPollBroughtNew = anyNew;
        toAcknowledge = delivered;
    }

    /** Decides, with one query for all new lines, which to run, which to skip and which are cancelled or expired. */
    private void check() {
        List<HeldLine> unchecked = held.values().stream().filter(l -> l.state == State.UNCHECKED).toList();
        if (unchecked.isEmpty() || System.nanoTime() < nextCheckNanos) {
            return;
        }
        Map<String, LineState> states;
        try {
            states = lines.states(unchecked.stream().map(HeldLine::ref).toList());
        } catch (RuntimeException e) {
            LOG.warn("Cannot check {} lines against the database, holding them: {}", unchecked.size(), e.toString());
            nextCheckNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            return;
        }
        for (HeldLine line : unchecked) {
            LineState state = states.get(line.ref().key());
            LineTask task = line.task;
            if (state == null || !state.pending()) {
                line.state = State.DONE;
            } else if (state.batchStatus() == BatchState.CANCELLING || state.batchStatus() == BatchState.CANCELLED) {
                toWrite(line, LineResults.notRun(task.batchId(), task.customId(), "batch_cancelled",
                        "This request was cancelled before it executed."));
            } else if (state.batchStatus() == BatchState.EXPIRED || state.expired()) {
                toWrite(line, LineResults.notRun(task.batchId(), task.customId(), "batch_expired",
                        "This request could not be executed before the completion window ended."));
            } else if (state.batchStatus().isTerminal()) {
                line.state = State.DONE;
            } else {
                endpoints.find(task.cluster(), task.framework(), task.model()).ifPresentOrElse(target -> {
                    line.target = target;
                    line.state = State.WAITING;
                }, () -> toWrite(line, LineResults.notRun(task.batchId(), task.customId(), "model_not_found",
                        "No endpoint serves model '" + task.model() + "' on " + task.cluster() + ".")));
            }
        }
    }

    private static void toWrite(HeldLine line, LineRecord result) {
        line.result = result;
        line.state = State.TO_WRITE;
    }

    private void dispatch() {
        int active = 0;
        for (HeldLine line : held.values()) {
            if (line.state == State.WAITING && !stopping && line.target.gate().tryStart()) {
                line.state = State.RUNNING;
                threads.execute(() -> run(line));
            }
            if (line.state == State.WAITING || line.state == State.RUNNING) {
                active++;
            }
        }
        inFlight.set(active);
    }

    private void run(HeldLine line) {
        try {
            line.result = executor.execute(line.task, line.target.endpoint(), line.target.gate()).orElse(null);
        } catch (RuntimeException e) {
            LOG.error("Line {} of batch {} failed unexpectedly", line.task.customId(), line.task.batchId(), e);
        } finally {
            line.target.gate().release();
            finished.add(line);
        }
    }

    /**
     * Sleeps until the next poll is worth making: a line finished (its acknowledgement rides on the next poll), lines
     * wait to be checked or written, there is room for new lines, or the held locks are due for renewal.
     */
    private void awaitActivity() {
        if (held.isEmpty() || stopping) {
            return;
        }
        long now = System.nanoTime();
        long deadline = lastPollNanos + renewIntervalNanos;
        boolean work = held.values().stream().anyMatch(l -> (l.state == State.UNCHECKED && now >= nextCheckNanos)
                || (l.state == State.TO_WRITE && writer.mayWrite()));
        if (work) {
            deadline = Math.min(deadline, lastPollNanos + BUSY_GAP_NANOS);
        } else if (held.size() < maxHeld) {
            deadline = Math.min(deadline, lastPollNanos + (lastPollBroughtNew ? BUSY_GAP_NANOS : QUIET_GAP_NANOS));
        }
        try {
            HeldLine first = finished.poll(Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
            if (first != null) {
                finished.add(first);
                // Let results that finish together be written together.
                Thread.sleep(0, 500_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void collectFinished() {
        for (HeldLine line = finished.poll(); line != null; line = finished.poll()) {
            if (line.result != null) {
                line.state = State.TO_WRITE;
            } else {
                line.state = State.ABANDONED;
            }
        }
    }

    /** Acknowledges every record of the last poll; in {@code closing}, releases all that have no durable result. */
    private void acknowledge(boolean closing) {
        for (ConsumerRecord<String, LineTask> record : toAcknowledge) {
            HeldLine line = held.get(HeldLine.Id.of(record));
            State state = line == null ? State.DONE : line.state;
            AcknowledgeType type = switch (state) {
                case DONE -> AcknowledgeType.ACCEPT;
                case UNREADABLE -> AcknowledgeType.REJECT;
                case ABANDONED -> AcknowledgeType.RELEASE;
                default -> closing ? AcknowledgeType.RELEASE : AcknowledgeType.RENEW;
            };
            consumer.acknowledge(record, type);
            if (type != AcknowledgeType.RENEW) {
                held.remove(HeldLine.Id.of(record));
            }
        }
        toAcknowledge = List.of();
        // Lines whose lock was lost (they did not come back with the last polls) can no longer be acknowledged.
        long stale = System.nanoTime() - 3 * renewIntervalNanos;
        held.values().removeIf(l -> (l.state == State.DONE || l.state == State.ABANDONED) && l.lastSeenNanos < stale);
    }

    private void shutDown() {
        try {
            long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
            while (held.values().stream().anyMatch(l -> l.state == State.RUNNING) && System.nanoTime() < deadline) {
                HeldLine line = finished.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    finished.add(line);
                    collectFinished();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        collectFinished();
        try {
            writer.write(held.values());
            acknowledge(true);
            consumer.commitSync(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Could not acknowledge every line on close; unacknowledged lines return to the group: {}",
                    e.toString());
        }
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("Closing the lines consumer", e);
        }
        inFlight.set(0);
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            stopped.await(CLOSE_GRACE.toSeconds() + 20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
