package io.inferencegateway.worker.lines;

import io.inferencegateway.worker.config.Backoff;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's admission in this worker: a limit of lines executing at once, and a circuit breaker. The limit is
 * the endpoint's cap ({@code batch_concurrency}) until the batch scheduler gives this worker its part of the
 * endpoint's shared budget ({@link #follow}), which may be lower, and is again the cap when the scheduler falls
 * silent. After
 * {@link #DOWN_THRESHOLD} consecutive "unreachable" answers (503) the endpoint counts as down: no line starts and no
 * retry is sent until a single probe call, after a growing delay, gets through.
 *
 * <p>When interactive requests need backend slots that this worker's calls hold, the scheduler says how many calls
 * it may keep, and the newest beyond them are cut short ({@link #cutCallsTo}): a backend frees the slot of a request
 * whose client went away, as vLLM does, so interactive requests need not wait for batch lines that may run for
 * seconds. Their lines wait for a slot again, and have spent no attempt.
 */
public final class EndpointGate {

    static final int DOWN_THRESHOLD = 3;
    private static final Logger LOG = LoggerFactory.getLogger(EndpointGate.class);
    private static final long GIVE_UP_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final int cap;
    private final AtomicInteger running = new AtomicInteger();
    private volatile int limit;
    private final CallStats stats = new CallStats();
    private final Backoff probeBackoff;
    /** The time the probe delays are measured on: {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Lanes waiting for a slot, longest waiting first; guarded by itself. */
    private final LinkedHashSet<Runnable> waiters = new LinkedHashSet<>();
    /** Calls under way at the backend that can be cut short, oldest first; guarded by itself. */
    private final LinkedHashSet<Call> calls = new LinkedHashSet<>();
    private int consecutiveDown;
    private int outages;
    private long openUntilNanos;
    private boolean open;
    private boolean probing;

    public EndpointGate(String name, int cap, Backoff probeBackoff) {
        this(name, cap, probeBackoff, System::nanoTime);
    }

    EndpointGate(String name, int cap, Backoff probeBackoff, LongSupplier nanoTime) {
        this.name = name;
        this.cap = cap;
        this.limit = cap;
        this.probeBackoff = probeBackoff;
        this.nanoTime = nanoTime;
    }

    public String name() {
        return name;
    }

    /** The most lines of this endpoint this worker runs at once, whatever the scheduler says. */
    public int cap() {
        return cap;
    }

    /** Lines that may run at once now. */
    public int limit() {
        return limit;
    }

    /** Lines running now. */
    public int running() {
        return running.get();
    }

    /** How this worker's calls to the endpoint ended, for the scheduler. */
    public CallStats stats() {
        return stats;
    }

    /**
     * Runs at most {@code part} lines at once from now on (never more than the cap): this worker's part of the
     * endpoint's budget. Lines already running finish; a raised limit wakes lines waiting for a slot.
     */
    public void follow(int part) {
        int next = Math.max(0, Math.min(cap, part));
        int before = limit;
        limit = next;
        if (next > before) {
            wakeForFreeSlots();
        }
    }

    /**
     * Cuts short the newest calls under way beyond {@code calls}, so that their backend slots go to interactive
     * requests now rather than when those calls end.
     *
     * @return how many calls were cut short
     */
    public int cutCallsTo(int calls) {
        List<Call> newest = new ArrayList<>();
        synchronized (this.calls) {
            while (this.calls.size() > Math.max(0, calls)) {
                newest.add(this.calls.removeLast());
            }
        }
        // Outside the lock: aborting a request may complete its call, which then says it has ended.
        newest.forEach(Call::preempt);
        return newest.size();
    }

    /** A call under way at the backend that can be cut short: its request is aborted, its line waits again. */
    public interface Call {
        void preempt();
    }

    /** The call is under way: it may be cut short until {@link #ended}. */
    public void calling(Call call) {
        synchronized (calls) {
            calls.add(call);
        }
    }

    /** Calls under way that could be cut short now. */
    int callsUnderWay() {
        synchronized (calls) {
            return calls.size();
        }
    }

    /** The call has ended (answered, failed or cut short). */
    public void ended(Call call) {
        synchronized (calls) {
            calls.remove(call);
        }
    }

    /**
     * Takes a slot for a new line if the endpoint is up and below its limit, or if it is down and no line of it is
     * running here: then that line is the one to probe it (the lines that were waiting may all have given up, see
     * {@link #awaitCall}). The caller must {@link #release()}.
     */
    public boolean tryStart() {
        boolean down = isDown();
        while (true) {
            int now = running.get();
            if (down ? now > 0 : now >= limit) {
                return false;
            }
            if (running.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * Frees a slot, and wakes one waiting lane per slot free now, longest waiting first. Waking every waiting lane
     * for one slot made all but one loop for nothing: with sixteen lanes, fifteen wake-ups in sixteen, at every line's
     * end. Lanes leave the gate once none of their lines waits ({@link #stopWaiting}); a lane woken that takes
     * nothing all the same (its lines were cancelled meanwhile) leaves its slot to the next release, which finds one
     * more free, and a waiting lane also wakes on its own within a second.
     */
    public void release() {
        running.decrementAndGet();
        wakeForFreeSlots();
    }

    /**
     * Runs {@code wake} once, as soon as a slot may be free: lanes whose lines wait for this endpoint sleep until a
     * line of another lane frees a slot, or until the endpoint is back up.
     */
    public void notifyWhenFree(Runnable wake) {
        synchronized (waiters) {
            waiters.add(wake);
        }
        if (running.get() < limit && !isDown()) {
            // A slot freed between the lane's attempt and now: nobody else will wake it for that one.
            wakeForFreeSlots();
        }
    }

    /**
     * Takes back {@link #notifyWhenFree}: the lane no longer waits here (its lines started elsewhere, or ended), so a
     * freed slot's wake-up goes to a lane that does.
     */
    public void stopWaiting(Runnable wake) {
        synchronized (waiters) {
            waiters.remove(wake);
        }
    }

    /** Wakes one waiting lane per slot free now, longest waiting first. */
    private void wakeForFreeSlots() {
        int lanes = limit - running.get();
        List<Runnable> woken = new ArrayList<>();
        synchronized (waiters) {
            for (Iterator<Runnable> it = waiters.iterator(); it.hasNext() && woken.size() < lanes; ) {
                woken.add(it.next());
                it.remove();
            }
        }
        woken.forEach(Runnable::run);
    }

    public boolean isDown() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a call may be sent: at once while the endpoint is up; while it is down, until this caller is the
     * one probe after the current delay, or another probe brought the endpoint back. Gives up within a second once
     * {@code giveUp} says so (the line's batch was cancelled).
     *
     * @return whether a call may be sent; false when the caller gave up, and then it is not the probe
     */
    public boolean awaitCall(BooleanSupplier giveUp) throws InterruptedException {
        return awaitCall(giveUp, () -> { });
    }

    /**
     * As {@link #awaitCall(BooleanSupplier)}, running {@code waiting} once if the caller has to wait: whoever may
     * decide that it gives up (a lane that reads its line's batch) then knows to ask.
     */
    public boolean awaitCall(BooleanSupplier giveUp, Runnable waiting) throws InterruptedException {
        boolean told = false;
        lock.lock();
        try {
            while (open) {
                if (giveUp.getAsBoolean()) {
                    return false;
                }
                long wait = openUntilNanos - nanoTime.getAsLong();
                if (wait <= 0 && !probing) {
                    probing = true;
                    return true;
                }
                if (!told) {
                    told = true;
                    waiting.run();
                }
                changed.awaitNanos(wait > 0 ? Math.min(wait, GIVE_UP_CHECK_NANOS) : GIVE_UP_CHECK_NANOS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The backend answered (successfully or with a non-outage error): it is up. */
    public void answered() {
        lock.lock();
        try {
            consecutiveDown = 0;
            if (!open) {
                return;
            }
            open = false;
            probing = false;
            outages = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.info("Endpoint {} answers again: its waiting lines resume", name);
        wakeForFreeSlots();
    }

    /** The backend was unreachable: after {@link #DOWN_THRESHOLD} in a row the endpoint is down until a probe passes. */
    public void unreachable() {
        boolean wentDown = false;
        lock.lock();
        try {
            if (open) {
                // A failed probe: stay down, wait longer.
                probing = false;
                openUntilNanos = probeTime(++outages);
                changed.signalAll();
            } else if (++consecutiveDown >= DOWN_THRESHOLD) {
                open = true;
                outages = 1;
                openUntilNanos = probeTime(1);
                wentDown = true;
            }
        } finally {
            lock.unlock();
        }
        if (wentDown) {
            LOG.warn("Endpoint {} is unreachable ({} answers in a row): its lines wait, spending no attempts, and "
                    + "one line probes it now and then until it answers", name, DOWN_THRESHOLD);
        }
    }

    /** What this worker did with the endpoint since the last report, and does now. */
    public io.inferencegateway.capacity.WorkerReport.EndpointLoad report() {
        return stats.drain(name, running.get(), isDown());
    }

    /** When the probe after outage number {@code outage} may be sent. */
    private long probeTime(int outage) {
        return nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(probeBackoff.delayMillis(outage));
    }
}
