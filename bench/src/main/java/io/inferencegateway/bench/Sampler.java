package io.inferencegateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Takes a sample at a fixed interval on a thread of its own until stopped: {@code probe} gets the milliseconds since
 * the scenario's start and returns a sample, or empty for none this time.
 */
final class Sampler<T> implements AutoCloseable {

    private final List<T> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    private Sampler(String name, Duration every, long startNanos, LongFunction<Optional<T>> probe) {
        this.thread = Thread.ofVirtual().name(name).start(() -> {
            long next = System.nanoTime();
            while (!stopping) {
                long millis = (System.nanoTime() - startNanos) / 1_000_000;
                probe.apply(millis).ifPresent(sample -> {
                    synchronized (samples) {
                        samples.add(sample);
                    }
                });
                next += every.toNanos();
                for (long wait = next - System.nanoTime(); wait > 0 && !stopping; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
        });
    }

    static <T> Sampler<T> start(String name, Duration every, long startNanos, LongFunction<Optional<T>> probe) {
        return new Sampler<>(name, every, startNanos, probe);
    }

    /** Stops sampling and returns the samples, in the order they were taken. */
    List<T> stop() {
        close();
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
