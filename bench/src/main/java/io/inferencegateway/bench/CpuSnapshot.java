package io.inferencegateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time at one moment, per process of each group and for the whole machine, in nanoseconds.
 *
 * @param nanoTime         when it was taken ({@link System#nanoTime})
 * @param machineBusyNanos all processors' busy time since boot
 * @param byGroup          group label to process id to that process's CPU time since it started
 */
record CpuSnapshot(long nanoTime, long machineBusyNanos, Map<String, Map<Long, Long>> byGroup) {

    /**
     * What each group used from {@code earlier} to this snapshot. A process that started in between counts whole.
     * One that ended in between is not seen, but its parent counts it whole once it has reaped it (PostgreSQL's
     * server, its autovacuum workers), which overstates a long-lived child ending mid-window by what it used before;
     * wrk ends only after a measurement's window.
     */
    Map<String, Long> groupNanosSince(CpuSnapshot earlier) {
        Map<String, Long> used = new LinkedHashMap<>();
        byGroup.forEach((label, processes) -> {
            Map<Long, Long> before = earlier.byGroup().getOrDefault(label, Map.of());
            long sum = 0;
            for (Map.Entry<Long, Long> process : processes.entrySet()) {
                sum += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0L));
            }
            used.put(label, sum);
        });
        return used;
    }
}
