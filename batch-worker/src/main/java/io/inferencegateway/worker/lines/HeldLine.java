package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.LineTask;
import io.inferencegateway.worker.kafka.Decoded;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LineRef;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A line record this worker has acquired from the share group, and how far it got. Touched by the poll thread, but
 * for the {@link LineExecutor.Control} it gives the virtual thread running it.
 */
final class HeldLine implements LineExecutor.Control {

    /** Where a held line stands; the acknowledgement it gets follows from it. */
    enum State {
        /** Not yet checked against the database. */
        UNCHECKED,
        /** Checked and pending: waits for a free slot of its endpoint. */
        WAITING,
        /** Executing on a virtual thread. */
        RUNNING,
        /** Has a result (or a not-run error) to write. */
        TO_WRITE,
        /** Written, or nothing to do: ACCEPT. */
        DONE,
        /** Given up without a result (the worker is closing): RELEASE, so another worker runs it. */
        ABANDONED,
        /** Not a line record at all, and set aside in the dead-letter topic: REJECT. */
        UNREADABLE
    }

    ConsumerRecord<String, Decoded<LineTask>> record;
    final LineTask task;
    State state;
    Endpoints.Target target;
    volatile LineRecord result;
    long lastSeenNanos;
    /** When it got the result it waits to write (state TO_WRITE). */
    long resultNanos;
    /** When its batch's status was last read, to check a waiting or running line again (its batch may be cancelled). */
    long checkedNanos;
    /** Set when its batch was cancelled or expired while it ran: what it ends with instead of its next call. */
    volatile LineRecord stopWith;
    /**
     * Set once the running line waits, to retry a failed call or for its endpoint to come back (even before its
     * first call): only then is a stop of use.
     */
    volatile boolean betweenCalls;
    /** Set when its call was cut short for interactive requests: it waits for a slot again (see {@link #preempted}). */
    volatile boolean preempted;
    /** Wakes the lane, so that it checks a line that has just started to wait between calls in time. */
    private final Runnable wakeLane;

    HeldLine(ConsumerRecord<String, Decoded<LineTask>> record, long now, Runnable wakeLane) {
        this.record = record;
        this.wakeLane = wakeLane;
        this.task = record.value().value();
        this.state = record.value().readable() ? State.UNCHECKED : State.UNREADABLE;
        this.lastSeenNanos = now;
    }

    /**
     * What a line record read from JSON lacks to be run, or null: the fields every step relies on. A record without
     * them is set aside like bytes that are not JSON ({@link LineConsumer#values()}).
     */
    static String problem(LineTask task) {
        if (task.batchId() == null || task.customId() == null) {
            return "The line record has no batch_id or custom_id.";
        }
        if (task.cluster() == null || task.framework() == null || task.model() == null) {
            return "The line record has no cluster, framework or model.";
        }
        if (task.url() == null || !task.url().startsWith("/v1/") || task.body() == null) {
            return "The line record has no /v1/ url or no body.";
        }
        return null;
    }

    @Override
    public LineRecord stopWith() {
        return stopWith;
    }

    @Override
    public void betweenCalls() {
        if (!betweenCalls) {
            betweenCalls = true;
            wakeLane.run();
        }
    }

    @Override
    public void preempted() {
        preempted = true;
    }

    LineRef ref() {
        return new LineRef(task.batchId(), task.customId());
    }

    /** The record's identity in its topic: partition and offset. */
    record Id(int partition, long offset) {
        static Id of(ConsumerRecord<?, ?> record) {
            return new Id(record.partition(), record.offset());
        }
    }
}
