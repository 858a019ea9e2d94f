package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.worker.kafka.DeadLetters;
import io.inferencegateway.worker.kafka.Decoded;
import io.inferencegateway.worker.kafka.LenientDeserializer;
import io.inferencegateway.worker.lines.HeldLine.State;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.LaneRows;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LineState;
import io.inferencegateway.worker.supervision.Loop;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane of the lines topic's share group: a share consumer (a {@link KafkaShareConsumer} in a worker) owned by one
 * platform thread, taking a few lines at a time. A lane checks its lines against the database, runs those whose
 * endpoint has a free slot on virtual threads, writes the results (exactly once, see {@link LineResultWriter}) and
 * then acknowledges each record: ACCEPT once its result is durable, RENEW while it still waits or runs when the
 * acquisition lock is due for renewal, RELEASE only when the worker closes without a result. A record that is no line
 * at all is set aside in the dead-letter topic ({@link DeadLetters}) and REJECTed, so it never holds up the lane.
 *
 * <p>Why lanes: a share consumer fetches nothing new while a record it delivered is unacknowledged (a renewed
 * record included), and every record of a poll must be acknowledged before the next poll. So a lane polls again
 * only when all its lines are done, or to renew locks; a slow line holds up only its own lane, and a worker runs
 * several lanes.
 */
public final class LineConsumer implements Loop {

    private static final Logger LOG = LoggerFactory.getLogger(LineConsumer.class);
    /** Returns early with records; renewed records come back within the broker's fetch wait. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a stopping lane waits for its running lines before it releases them. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    /** How long a line may wait for a free slot, or between calls, before its batch's status is read again. */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long a result may wait for the lane's other lines (running, or waiting for a slot) before it is written:
     * one statement recording them all costs PostgreSQL one commit where a write per line cost one per line (the
     * commit, not the row, was most of its work).
     */
    static final long WRITE_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Object WAKE = new Object();

    private final ShareConsumer<String, Decoded<LineTask>> consumer;
    private final String topic;
    private final LaneRows lines;
    private final Endpoints endpoints;
    private final LineExecutor executor;
    private final LineResultWriter writer;
    private final DeadLetters deadLetters;
    private final ExecutorService threads;
    private final AtomicInteger inFlight;
    private final WorkerMetrics metrics;
    private final LaneTime time;
    /** Lines whose run ended, and {@link #WAKE} when a waiting line's endpoint may have a free slot. */
    private final LinkedBlockingQueue<Object> finished = new LinkedBlockingQueue<>();
    private final Runnable wake = () -> finished.add(WAKE);
    private final Map<HeldLine.Id, HeldLine> held = new LinkedHashMap<>();
    /** The gates this lane asked to wake it, because lines of it wait there; and the same, being rebuilt. */
    private Set<EndpointGate> waitingAt = new HashSet<>();
    private Set<EndpointGate> stillWaitingAt = new HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private long renewIntervalNanos = TimeUnit.SECONDS.toNanos(10);
    private long nextCheckNanos;

    /**
     * @param consumer a share consumer in explicit acknowledgement mode, used by this lane alone
     * @param threads  where lines run (virtual threads, shared by the lanes of a worker)
     * @param metrics  lines in flight in all lanes, and renewals
     */
    public LineConsumer(ShareConsumer<String, Decoded<LineTask>> consumer, String topic, LaneRows lines,
                        Endpoints endpoints, LineExecutor executor, LineResultWriter writer, DeadLetters deadLetters,
                        ExecutorService threads, WorkerMetrics metrics) {
        this(consumer, topic, lines, endpoints, executor, writer, deadLetters, threads, metrics, LaneTime.SYSTEM);
    }

    /** As a worker builds it, with its waits measured on {@code time}. */
    LineConsumer(ShareConsumer<String, Decoded<LineTask>> consumer, String topic, LaneRows lines, Endpoints endpoints,
                 LineExecutor executor, LineResultWriter writer, DeadLetters deadLetters, ExecutorService threads,
                 WorkerMetrics metrics, LaneTime time) {
        this.time = time;
        this.consumer = consumer;
        this.topic = topic;
        this.lines = lines;
        this.endpoints = endpoints;
        this.executor = executor;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.threads = threads;
        this.inFlight = metrics.inFlight();
        this.metrics = metrics;
    }

    /** How a lane reads the lines topic's values: leniently, an unusable record marked, never thrown on. */
    public static Deserializer<Decoded<LineTask>> values() {
        return new LenientDeserializer<>(new JsonSerde<>(LineTask.class), HeldLine::problem);
    }

    @Override
    public void run() {
        List<ConsumerRecord<String, Decoded<LineTask>>> delivered = List.of();
        try {
            consumer.subscribe(List.of(topic));
            while (!stopping) {
                ConsumerRecords<String, Decoded<LineTask>> records = consumer.poll(POLL);
                long polledAt = time.nanoTime();
                consumer.acquisitionLockTimeoutMs().ifPresent(ms -> renewIntervalNanos =
                        TimeUnit.MILLISECONDS.toNanos(Math.max(1_000, ms / 3)));
                delivered = absorb(records, polledAt);
                if (delivered.isEmpty()) {
                    continue;
                }
                work(polledAt + renewIntervalNanos);
                if (stopping) {
                    // Not RENEW: shutDown() ACCEPTs the lines whose results are stored and RELEASEs the others.
                    break;
                }
                // The acknowledgements ride on the next poll's fetch: one request to the broker, not two.
                acknowledge(delivered, false);
                delivered = List.of();
            }
        } catch (WakeupException e) {
            // close() woke the poll up.
        } catch (RuntimeException e) {
            LOG.error("A lines lane stopped on an unexpected error; its lines go to other lanes and workers", e);
        } finally {
            shutDown(delivered);
            stopped.countDown();
        }
    }

    private List<ConsumerRecord<String, Decoded<LineTask>>> absorb(ConsumerRecords<String, Decoded<LineTask>> records,
                                                                  long now) {
        List<ConsumerRecord<String, Decoded<LineTask>>> delivered = new java.util.ArrayList<>(records.count());
        for (ConsumerRecord<String, Decoded<LineTask>> record : records) {
            delivered.add(record);
            HeldLine line = held.get(HeldLine.Id.of(record));
            if (line == null) {
                HeldLine fresh = new HeldLine(record, now, wake);
                if (fresh.state == State.UNREADABLE && !deadLetters.divert(record)) {
                    // Not set aside yet: released, it comes back (until the group's delivery limit archives it).
                    fresh.state = State.ABANDONED;
                }
                held.put(HeldLine.Id.of(record), fresh);
            } else {
                // A renewed record comes back with a later poll; it is acknowledged as that delivery.
                line.record = record;
                line.lastSeenNanos = now;
            }
        }
        return delivered;
    }

    /** Checks, runs and writes the held lines until all are done or their locks need renewing. */
    private void work(long renewAt) {
        while (!stopping) {
            collectFinished();
            check();
            if (hasResults() && writeDue() - time.nanoTime() <= 0) {
                writer.write(held.values());
            }
            dispatch();
            long now = time.nanoTime();
            if (held.values().stream().allMatch(LineConsumer::settled) || now - renewAt >= 0) {
                return;
            }
            long wait = renewAt - now;
            boolean results = hasResults();
            if (held.values().stream().anyMatch(l -> l.state == State.UNCHECKED) || (results && !writer.mayWrite())) {
                // The database refused a check or a write: try again soon.
                wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200));
            } else {
                if (results) {
                    // Results gather for the lane's other lines.
                    wait = Math.min(wait, writeDue() - now);
                }
                // Wake up when a waiting or running line is due to be checked again (see check()).
                for (HeldLine line : held.values()) {
                    if (dueForRecheck(line)) {
                        long due = Math.max(line.checkedNanos + RECHECK_NANOS, nextCheckNanos);
                        wait = Math.min(wait, due - now);
                    }
                }
            }
            try {
                Object event = time.poll(finished, Math.max(0, wait));
                if (event != null) {
                    finished.add(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private boolean hasResults() {
        return held.values().stream().anyMatch(l -> l.state == State.TO_WRITE);
    }

    /**
     * When the lane's results are due to be written: at once when none of its lines runs or waits for a slot (or the
     * lane stops), else once the oldest has waited {@link #WRITE_GATHER_NANOS}. Only while it has results
     * ({@link #hasResults()}).
     */
    private long writeDue() {
        boolean running = false;
        boolean first = true;
        long oldest = 0;
        for (HeldLine line : held.values()) {
            if (line.state == State.RUNNING || line.state == State.WAITING) {
                running = true;
            } else if (line.state == State.TO_WRITE && (first || line.resultNanos - oldest < 0)) {
                oldest = line.resultNanos;
                first = false;
            }
        }
        return running && !stopping ? oldest + WRITE_GATHER_NANOS : time.nanoTime();
    }

    /** Needs nothing more but its acknowledgement. */
    private static boolean settled(HeldLine line) {
        return line.state == State.DONE || line.state == State.ABANDONED || line.state == State.UNREADABLE;
    }

    /**
     * Decides, with one query for all new lines, which to run, which to skip and which are cancelled or expired. Lines
     * that have waited a while for a slot, or between calls, are checked again in the same query: a batch cancelled or
     * expired meanwhile does not start its waiting lines, and its running ones send no further retry (a call under
     * way still finishes).
     */
    private void check() {
        long now = time.nanoTime();
        List<HeldLine> unchecked = held.values().stream().filter(l -> l.state == State.UNCHECKED
                || (dueForRecheck(l) && now - l.checkedNanos >= RECHECK_NANOS)).toList();
        if (unchecked.isEmpty() || now - nextCheckNanos < 0) {
            return;
        }
        Map<String, LineState> states;
        try {
            states = lines.states(unchecked.stream().map(HeldLine::ref).toList());
        } catch (RuntimeException e) {
            if (unchecked.stream().anyMatch(l -> l.state == State.UNCHECKED)) {
                LOG.warn("Cannot check {} lines against the database, holding them: {}", unchecked.size(),
                        e.toString());
            } else {
                // Only lines checked before: they go on as they were, and writes will warn if the outage lasts.
                LOG.debug("Cannot check waiting or running lines again: {}", e.toString());
            }
            nextCheckNanos = time.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            return;
        }
        for (HeldLine line : unchecked) {
            line.checkedNanos = now;
            LineState state = states.get(line.ref().key());
            LineTask task = line.task;
            if (line.state == State.RUNNING) {
                LineRecord stop = state == null || !state.pending() ? superseded(task) : stopped(task, state);
                if (stop != null) {
                    line.stopWith = stop;
                }
            } else if (state == null || !state.pending()) {
                line.state = State.DONE;
            } else if (cancelled(state)) {
                toWrite(line, LineResults.notRun(task.batchId(), task.customId(), "batch_cancelled",
                        "This request was cancelled before it executed."));
            } else if (expired(state)) {
                toWrite(line, LineResults.notRun(task.batchId(), task.customId(), "batch_expired",
                        "This request could not be executed before the completion window ended."));
            } else if (state.batchStatus().isTerminal()) {
                line.state = State.DONE;
            } else if (line.state == State.UNCHECKED) {
                endpoints.find(task.cluster(), task.framework(), task.model()).ifPresentOrElse(target -> {
                    line.target = target;
                    line.state = State.WAITING;
                }, () -> toWrite(line, LineResults.notRun(task.batchId(), task.customId(), "model_not_found",
                        "No endpoint serves model '" + task.model() + "' on " + task.cluster() + ".")));
            }
        }
    }

    /** A waiting line, or a running one between calls (a call under way is never cut short, so why ask). */
    private static boolean dueForRecheck(HeldLine line) {
        return line.state == State.WAITING
                || (line.state == State.RUNNING && line.betweenCalls && line.stopWith == null);
    }

    private static boolean cancelled(LineState state) {
        return state.batchStatus() == BatchState.CANCELLING || state.batchStatus() == BatchState.CANCELLED;
    }

    private static boolean expired(LineState state) {
        return state.batchStatus() == BatchState.EXPIRED || state.expired();
    }

    /** What a running line of a cancelled or expired batch ends with instead of its next call; null to go on. */
    private static LineRecord stopped(LineTask task, LineState state) {
        if (cancelled(state)) {
            return LineResults.notRun(task.batchId(), task.customId(), "batch_cancelled",
                    "This request was cancelled before it got an answer.");
        }
        if (expired(state)) {
            return LineResults.notRun(task.batchId(), task.customId(), "batch_expired",
                    "This request got no answer before the completion window ended.");
        }
        return null;
    }

    /**
     * What a running line ends with when its row already holds a result (another delivery, or the finalizer of an
     * expired batch, wrote it): never stored, since only a pending row takes a result.
     */
    private static LineRecord superseded(LineTask task) {
        return LineResults.notRun(task.batchId(), task.customId(), "superseded",
                "This line's result was recorded before it got an answer here.");
    }

    private void toWrite(HeldLine line, LineRecord result) {
        line.result = result;
        line.state = State.TO_WRITE;
        line.resultNanos = time.nanoTime();
    }

    private void dispatch() {
        for (HeldLine line : held.values()) {
            if (line.state != State.WAITING || stopping) {
                continue;
            }
            EndpointGate gate = line.target.gate();
            if (gate.tryStart()) {
                line.state = State.RUNNING;
                inFlight.incrementAndGet();
                threads.execute(() -> run(line));
            } else if (stillWaitingAt.add(gate)) {
                // The slots are taken by other lanes' lines (or the endpoint is down): wake up when that changes.
                gate.notifyWhenFree(wake);
            }
        }
        stopWaitingWhereNothingWaits();
    }

    /**
     * Leaves the gates where none of the lane's lines waits any more (they started, or ended): a gate wakes one lane
     * per freed slot, and a lane woken there for nothing would leave that slot idle until the next release.
     */
    private void stopWaitingWhereNothingWaits() {
        for (EndpointGate gate : waitingAt) {
            if (!stillWaitingAt.contains(gate)) {
                gate.stopWaiting(wake);
            }
        }
        Set<EndpointGate> swap = waitingAt;
        waitingAt = stillWaitingAt;
        stillWaitingAt = swap;
        stillWaitingAt.clear();
    }

    private void run(HeldLine line) {
        try {
            line.result = executor.execute(line.task, line.target.endpoint(), line.target.gate(), line).orElse(null);
        } catch (RuntimeException e) {
            LOG.error("Line {} of batch {} failed unexpectedly", line.task.customId(), line.task.batchId(), e);
        } finally {
            line.target.gate().release();
            inFlight.decrementAndGet();
            finished.add(line);
        }
    }

    private void collectFinished() {
        for (Object event = finished.poll(); event != null; event = finished.poll()) {
            if (event instanceof HeldLine line) {
                if (line.result == null && line.preempted && !stopping) {
                    // Cut short for interactive requests: it waits for a slot again, as if it had not started.
                    line.preempted = false;
                    line.betweenCalls = false;
                    line.state = State.WAITING;
                } else if (line.result != null) {
                    line.state = State.TO_WRITE;
                    line.resultNanos = time.nanoTime();
                } else {
                    line.state = State.ABANDONED;
                }
            }
        }
    }

    /** Acknowledges every delivered record; on {@code closing}, releases all that have no durable result. */
    private void acknowledge(List<ConsumerRecord<String, Decoded<LineTask>>> delivered, boolean closing) {
        int renewed = 0;
        for (ConsumerRecord<String, Decoded<LineTask>> record : delivered) {
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
            } else {
                renewed++;
            }
        }
        if (renewed > 0) {
            metrics.renewed(renewed);
        }
        // A renewed record whose lock was lost never comes back: forget it once its own work is over.
        long stale = time.nanoTime() - 3 * renewIntervalNanos;
        held.values().removeIf(l -> settled(l) && l.lastSeenNanos - stale < 0);
    }

    private void shutDown(List<ConsumerRecord<String, Decoded<LineTask>>> delivered) {
        try {
            long deadline = time.nanoTime() + CLOSE_GRACE.toNanos();
            while (held.values().stream().anyMatch(l -> l.state == State.RUNNING) && time.nanoTime() < deadline) {
                Object event = time.poll(finished, TimeUnit.MILLISECONDS.toNanos(100));
                if (event != null) {
                    finished.add(event);
                    collectFinished();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (HeldLine line : held.values()) {
            if (line.state == State.RUNNING) {
                // Its virtual thread is interrupted by the worker; without a result the record is released.
                line.state = State.ABANDONED;
            }
        }
        collectFinished();
        stopWaitingWhereNothingWaits();
        try {
            writer.write(held.values());
            acknowledge(delivered, true);
            commitOnClose();
        } catch (RuntimeException e) {
            LOG.warn("Could not acknowledge every line on close; unacknowledged lines return to the group: {}",
                    e.toString());
        }
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("Closing a lines lane", e);
        }
    }

    private void commitOnClose() {
        try {
            consumer.commitSync(Duration.ofSeconds(5));
        } catch (WakeupException e) {
            // The wake-up of stop() was still pending; this attempt consumed it.
            consumer.commitSync(Duration.ofSeconds(5));
        }
    }

    /** Asks the lane to stop; {@link #awaitStopped()} waits for it. */
    public void stop() {
        stopping = true;
        // Wakes the lane whether it polls or waits for its lines (until their renewal, up to a third of the lock).
        wake.run();
        consumer.wakeup();
    }

    public void awaitStopped() {
        try {
            stopped.await(CLOSE_GRACE.toSeconds() + 20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        awaitStopped();
    }
}
