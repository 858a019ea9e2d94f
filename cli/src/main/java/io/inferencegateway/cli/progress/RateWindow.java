package io.inferencegateway.cli.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Lines per second over the last {@link #WINDOW} of observations, and the time left at that rate. */
public final class RateWindow {

    static final Duration WINDOW = Duration.ofSeconds(30);

    private record Sample(long nanos, long done) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Records that {@code done} lines were accounted for at {@code nanos} (a {@link System#nanoTime()}). */
    public void add(long nanos, long done) {
        samples.addLast(new Sample(nanos, done));
        while (samples.size() > 2 && nanos - samples.getFirst().nanos() > WINDOW.toNanos()) {
            samples.removeFirst();
        }
    }

    /** Lines per second, or a negative number while it cannot be told (one sample, or no time between them). */
    public double perSecond() {
        if (samples.size() < 2) {
            return -1;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long nanos = last.nanos() - first.nanos();
        return nanos <= 0 ? -1 : (last.done() - first.done()) * 1e9 / nanos;
    }

    /** Time left for {@code remaining} lines at the current rate; null while the rate is unknown or zero. */
    public Duration eta(long remaining) {
        double rate = perSecond();
        if (rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) Math.ceil(remaining / rate * 1000));
    }
}
