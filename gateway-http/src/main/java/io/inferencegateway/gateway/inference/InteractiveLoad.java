package io.inferencegateway.gateway.inference;

import io.inferencegateway.capacity.InteractiveReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The interactive requests under way on each endpoint in this replica, and the most at once and the number started
 * since the last report: what the batch scheduler needs to give interactive traffic the first call on a backend.
 * A few atomic updates per request, no lock; a request that takes an endpoint above what was last reported wakes
 * the reporter ({@link #awaitRise}), so batches make room within milliseconds rather than at the next report.
 */
public final class InteractiveLoad {

    private final Map<String, Counts> endpoints = new ConcurrentHashMap<>();
    private final Semaphore rise = new Semaphore(0);
    private final AtomicBoolean risePending = new AtomicBoolean();

    private static final class Counts {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        /** The most at once in the last report: more than this is news to the scheduler. */
        volatile int reported;
        /** Reports still to send after the endpoint fell idle, so readers see it drop to zero. */
        int quietReports;
    }

    /** A request to {@code endpoint} starts; the caller must call {@link #finished} once, whatever happens. */
    public void started(String endpoint) {
        Counts counts = endpoints.computeIfAbsent(endpoint, e -> new Counts());
        int now = counts.inFlight.incrementAndGet();
        counts.started.incrementAndGet();
        counts.peak.accumulateAndGet(now, Math::max);
        if (now > counts.reported && risePending.compareAndSet(false, true)) {
            rise.release();
        }
    }

    /**
     * Waits until a request takes some endpoint above what was last reported, or for {@code millis}.
     *
     * @return whether the load rose
     */
    boolean awaitRise(long millis) throws InterruptedException {
        boolean rose = rise.tryAcquire(Math.max(0, millis), TimeUnit.MILLISECONDS);
        risePending.set(false);
        return rose;
    }

    public void finished(String endpoint) {
        Counts counts = endpoints.get(endpoint);
        if (counts != null) {
            counts.inFlight.decrementAndGet();
        }
    }

    /**
     * The load since the last call, for each endpoint that had any, and once more (as zeros) for each that fell
     * idle; empty when there is nothing to say. Called by one reporter thread.
     */
    List<InteractiveReport.EndpointLoad> drain() {
        List<InteractiveReport.EndpointLoad> loads = new ArrayList<>();
        for (Map.Entry<String, Counts> entry : endpoints.entrySet()) {
            Counts counts = entry.getValue();
            int inFlight = counts.inFlight.get();
            int started = counts.started.getAndSet(0);
            int peak = counts.peak.getAndSet(inFlight);
            counts.reported = Math.max(inFlight, peak);
            if (inFlight > 0 || started > 0 || peak > 0) {
                counts.quietReports = 2;
            } else if (counts.quietReports > 0) {
                counts.quietReports--;
            } else {
                continue;
            }
            loads.add(new InteractiveReport.EndpointLoad(entry.getKey(), inFlight, peak, started));
        }
        return loads;
    }
}
