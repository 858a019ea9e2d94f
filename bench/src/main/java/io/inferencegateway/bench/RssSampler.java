package io.inferencegateway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident memory of some processes during one phase: the kernel's high-water mark, reset at the start, and our
 * own samples of the current RSS every 100 ms as a cross-check (and the only figure where the reset is refused).
 */
final class RssSampler implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final Map<String, Long> pids;
    private final Map<String, Boolean> peakWasReset = new LinkedHashMap<>();
    private final Map<String, Long> sampledPeak = new ConcurrentHashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private RssSampler(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        pids.forEach((name, pid) -> peakWasReset.put(name, ProcStatus.resetPeak(pid)));
        this.thread = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
    }

    /** @param pids a name for each process (e.g. {@code gateway}) and its pid */
    static RssSampler start(Map<String, Long> pids) {
        return new RssSampler(pids);
    }

    private void sample() {
        try {
            do {
                pids.forEach((name, pid) -> ProcStatus.rss(pid).ifPresent(rss -> sampledPeak.merge(name, rss, Math::max)));
            } while (!stop.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling and returns each process's peak RSS in bytes. */
    Map<String, Long> peaks() {
        close();
        Map<String, Long> peaks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long sampled = sampledPeak.getOrDefault(name, 0L);
            long kernel = peakWasReset.get(name) ? ProcStatus.peak(pid).orElse(0) : 0;
            peaks.put(name, Math.max(sampled, kernel));
        });
        return peaks;
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
