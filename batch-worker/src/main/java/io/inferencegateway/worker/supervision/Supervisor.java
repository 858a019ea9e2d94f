package io.inferencegateway.worker.supervision;

import io.inferencegateway.worker.config.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's long-lived loops running: each on its own platform thread, built anew by its factory (a fresh
 * Kafka client included) whenever it fails or returns unasked, after a backoff that grows while failures repeat.
 * Every failure is logged and counted, and {@link #problems()} says which kinds run short, for readiness.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** A loop that ran this long before failing starts its next backoff from the beginning. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    private final Backoff backoff;
    private final Listener listener;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** What the supervisor tells the metrics. */
    public interface Listener {
        void configured(String kind);

        void up(String kind);

        void down(String kind);

        void restarted(String kind);
    }

    public Supervisor(Backoff backoff, Listener listener) {
        this.backoff = backoff;
        this.listener = listener;
    }

    /** Starts one loop of {@code kind} (its thread is named {@code name}) and keeps it running until close. */
    public void supervise(String kind, String name, Supplier<? extends Loop> factory) {
        Slot slot = new Slot(kind, name, factory);
        slots.add(slot);
        listener.configured(kind);
        Thread thread = new Thread(slot, name);
        thread.setDaemon(true);
        slot.thread = thread;
        thread.start();
    }

    /** One sentence per kind with fewer loops alive than configured; empty when all run. */
    public List<String> problems() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Slot slot : slots) {
            int[] count = counts.computeIfAbsent(slot.kind, k -> new int[2]);
            count[0] += slot.alive ? 1 : 0;
            count[1]++;
        }
        List<String> problems = new ArrayList<>();
        counts.forEach((kind, count) -> {
            if (count[0] < count[1]) {
                problems.add(kind + ": " + count[0] + " of " + count[1] + " running");
            }
        });
        return problems;
    }

    /** Stops every loop (all at once, each within its grace) and waits for their threads. */
    @Override
    public void close() {
        closing.countDown();
        List<Thread> stoppers = new ArrayList<>();
        for (Slot slot : slots) {
            stoppers.add(Thread.ofVirtual().start(slot::stop));
        }
        for (Thread thread : stoppers) {
            join(thread);
        }
        for (Slot slot : slots) {
            join(slot.thread);
        }
    }

    private boolean closing() {
        return closing.getCount() == 0;
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Slot implements Runnable {

        private final String kind;
        private final String name;
        private final Supplier<? extends Loop> factory;
        private volatile Loop current;
        private volatile boolean alive;
        private Thread thread;

        Slot(String kind, String name, Supplier<? extends Loop> factory) {
            this.kind = kind;
            this.name = name;
            this.factory = factory;
        }

        @Override
        public void run() {
            int failures = 0;
            while (!closing()) {
                long started = System.nanoTime();
                Throwable failure = null;
                try {
                    runOnce();
                } catch (Throwable t) {
                    failure = t;
                }
                if (closing()) {
                    return;
                }
                failures = System.nanoTime() - started >= HEALTHY_RUN.toNanos() ? 1 : failures + 1;
                long delay = backoff.delayMillis(failures);
                listener.restarted(kind);
                if (failure == null) {
                    LOG.error("{} stopped unexpectedly; starting it again in {} ms (failure {} in a row)", name, delay,
                            failures);
                } else {
                    LOG.error("{} failed; starting it again in {} ms (failure {} in a row)", name, delay, failures,
                            failure);
                }
                try {
                    if (closing.await(delay, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void runOnce() {
            Loop loop = factory.get();
            synchronized (this) {
                current = loop;
            }
            if (closing()) {
                // close() may have looked before this loop existed: stop it here, letting run() release what it holds.
                Thread closer = Thread.ofVirtual().start(loop::close);
                loop.run();
                join(closer);
                return;
            }
            alive = true;
            listener.up(kind);
            try {
                loop.run();
            } finally {
                alive = false;
                listener.down(kind);
            }
        }

        void stop() {
            Loop loop;
            synchronized (this) {
                loop = current;
            }
            if (loop != null) {
                try {
                    loop.close();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping {} failed", name, e);
                }
            }
        }
    }
}
