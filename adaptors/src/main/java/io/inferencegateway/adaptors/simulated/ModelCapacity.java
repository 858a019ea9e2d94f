package io.inferencegateway.adaptors.simulated;

import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The slots and waiting queue of one simulated model (see {@link CapacitySettings}), shared by every request to
 * it. Thread-safe: a request takes a {@link Place} with {@link #admit()}, waits on it for a slot (blocking, so a
 * virtual thread costs nothing while it waits), and closes it when answered or abandoned, which hands the slot to
 * the longest-waiting request.
 *
 * <p>Unlimited capacity takes no lock: a place is a running slot at once, counted for the metrics only.
 */
public final class ModelCapacity {

    private final CapacitySettings settings;
    private final CapacityObserver observer;
    // Guards waiting and the hand-over of slots; never held while a request waits.
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Place> waiting = new ArrayDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waitingCount = new AtomicInteger();

    public ModelCapacity(CapacitySettings settings, CapacityObserver observer) {
        this.settings = settings;
        this.observer = observer;
    }

    public CapacitySettings settings() {
        return settings;
    }

    /** Requests holding a slot now (vLLM's {@code num_requests_running}). */
    public int running() {
        return running.get();
    }

    /** Requests waiting for a slot now (vLLM's {@code num_requests_waiting}). */
    public int waiting() {
        return waitingCount.get();
    }

    /** The share of slots in use, 0 to 1: the simulator's KV-cache usage (a full batch is a full cache). */
    public double usage() {
        return settings.limited() ? Math.min(1, running.get() / (double) settings.slots()) : 0;
    }

    /**
     * Takes a slot if one is free and nobody waits, else a place at the end of the queue; null when the queue is
     * full (answer with {@link #refusal()}).
     */
    public Place admit() {
        long arrived = System.nanoTime();
        if (!settings.limited()) {
            running.incrementAndGet();
            return new Place(this, arrived, true);
        }
        lock.lock();
        try {
            if (waiting.isEmpty() && running.get() < settings.slots()) {
                running.incrementAndGet();
                return new Place(this, arrived, true);
            }
            if (waiting.size() >= settings.maxWaiting()) {
                return null;
            }
            Place place = new Place(this, arrived, false);
            waiting.addLast(place);
            waitingCount.incrementAndGet();
            return place;
        } finally {
            lock.unlock();
        }
    }

    /** What a refused request is answered: the configured status and an OpenAI error body. */
    public SimulatedReply.Failure refusal() {
        int status = settings.queueFullStatus();
        return new SimulatedReply.Failure(status, OpenAiErrors.body(status, "The server is busy: all "
                + settings.slots() + " slots are in use and " + settings.maxWaiting()
                + " requests are already waiting. Retry later.", null,
                status == 429 ? "rate_limit_exceeded" : "server_busy"));
    }

    /** The load factor now: how many times slower than alone a step that starts now is. */
    double loadFactor() {
        return settings.loadFactor(running.get());
    }

    CapacityObserver observer() {
        return observer;
    }

    /** Ends a place: frees its slot for the next in line, or leaves the queue. */
    void release(Place place) {
        if (!settings.limited()) {
            running.decrementAndGet();
            return;
        }
        lock.lock();
        try {
            if (place.running) {
                running.decrementAndGet();
                Place next = waiting.pollFirst();
                if (next != null) {
                    waitingCount.decrementAndGet();
                    running.incrementAndGet();
                    next.running = true;
                    next.settled.countDown();
                }
            } else if (waiting.remove(place)) {
                waitingCount.decrementAndGet();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Where a request stands: waiting, running, or closed. */
    public enum State { WAITING, RUNNING, CLOSED }

    /** One request's slot or place in the queue; close it exactly when the request is answered or abandoned. */
    public static final class Place implements AutoCloseable {

        private final ModelCapacity capacity;
        private final long arrivedNanos;
        // Written under the capacity's lock (or before the place is shared); read after settled is counted down.
        private volatile boolean running;
        private final AtomicBoolean closed = new AtomicBoolean();
        // Counted down when the place gets a slot or is closed, to wake the request waiting for either.
        private final CountDownLatch settled;
        private final CountDownLatch ended = new CountDownLatch(1);

        private Place(ModelCapacity capacity, long arrivedNanos, boolean running) {
            this.capacity = capacity;
            this.arrivedNanos = arrivedNanos;
            this.running = running;
            this.settled = new CountDownLatch(running ? 0 : 1);
        }

        /** Waits up to {@code timeout} for a slot; the state afterwards (still {@code WAITING} on timeout). */
        public State await(long timeout, TimeUnit unit) throws InterruptedException {
            settled.await(timeout, unit);
            return state();
        }

        public State state() {
            return closed.get() ? State.CLOSED : running ? State.RUNNING : State.WAITING;
        }

        /** When the request arrived, in {@link System#nanoTime()}'s terms. */
        long arrivedNanos() {
            return arrivedNanos;
        }

        /** The load factor for a step that starts now. */
        double loadFactor() {
            return capacity.loadFactor();
        }

        /**
         * Waits until {@code deadline} ({@link System#nanoTime()}'s terms); false when the place was closed first.
         */
        boolean sleepUntil(long deadline) throws InterruptedException {
            long wait = deadline - System.nanoTime();
            return wait <= 0 ? !closed.get() : !ended.await(wait, TimeUnit.NANOSECONDS);
        }

        void firstToken() {
            capacity.observer().firstToken(System.nanoTime() - arrivedNanos);
        }

        void finished(String finishReason) {
            capacity.observer().finished(finishReason, System.nanoTime() - arrivedNanos);
        }

        /** Frees the slot or the place in the queue; closing twice does nothing. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                capacity.release(this);
                ended.countDown();
                settled.countDown();
            }
        }
    }
}
