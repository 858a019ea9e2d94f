package io.inferencegateway.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * CPU snapshots around the middle of a load run: taken from a virtual thread while the run goes on, leaving out its
 * first and last moments (connections opening, wrk starting and stopping).
 */
final class CpuWindow implements AutoCloseable {

    private static final Duration MAX_MARGIN = Duration.ofSeconds(2);

    private final AtomicReference<CpuSnapshot> start = new AtomicReference<>();
    private final AtomicReference<CpuSnapshot> end = new AtomicReference<>();
    private final CpuGroups groups;
    private final Thread sampler;

    private CpuWindow(CpuGroups groups, Duration run) {
        this.groups = groups;
        Duration margin = run.dividedBy(5).compareTo(MAX_MARGIN) < 0 ? run.dividedBy(5) : MAX_MARGIN;
        this.sampler = Thread.ofVirtual().name("cpu-window").start(() -> {
            try {
                // A measurement window, not synchronization: the run lasts a known time.
                Thread.sleep(margin);
                groups.snapshot().ifPresent(start::set);
                Thread.sleep(run.minus(margin.multipliedBy(2)));
                groups.snapshot().ifPresent(end::set);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts timing a run of {@code run}'s length that begins now. */
    static CpuWindow during(Duration run, CpuGroups groups) {
        return new CpuWindow(groups, run);
    }

    /**
     * Once the run is over: the CPU use per request at {@code requestsPerSecond}, the run's rate (wrk reports no
     * count for the window alone). Empty if the window was cut short or a snapshot could not be taken.
     */
    Optional<CpuUse> finish(double requestsPerSecond) {
        try {
            sampler.join(MAX_MARGIN.multipliedBy(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sampler.isAlive()) {
            close();
            return Optional.empty();
        }
        CpuSnapshot first = start.get();
        CpuSnapshot last = end.get();
        return first == null || last == null ? Optional.empty()
                : Optional.of(CpuUse.between(first, last, requestsPerSecond, groups.processors()));
    }

    /** Stops sampling; a run that failed leaves no sampler behind. */
    @Override
    public void close() {
        sampler.interrupt();
    }
}
