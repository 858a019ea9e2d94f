package io.inferencegateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a measurement's CPU went: microseconds of CPU time per request, for each group of processes and for the whole
 * machine (which also counts the kernel's network work and anything else running).
 *
 * @param microsPerRequest group label to CPU microseconds per request, in report order
 * @param machineMicros    the whole machine's busy microseconds per request
 * @param machineBusy      the machine's busy time over the window as a fraction of all its processors' time
 */
record CpuUse(Map<String, Double> microsPerRequest, double machineMicros, double machineBusy) {

    /** The use between two snapshots of a run doing {@code requestsPerSecond}, on {@code cores} processors. */
    static CpuUse between(CpuSnapshot start, CpuSnapshot end, double requestsPerSecond, int cores) {
        double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        double requests = requestsPerSecond * seconds;
        Map<String, Double> perRequest = new LinkedHashMap<>();
        end.groupNanosSince(start).forEach((label, nanos) -> perRequest.put(label, perRequest(nanos, requests)));
        long busy = end.machineBusyNanos() - start.machineBusyNanos();
        return new CpuUse(perRequest, perRequest(busy, requests), seconds <= 0 ? 0 : busy / (seconds * 1e9 * cores));
    }

    private static double perRequest(long nanos, double requests) {
        return requests <= 0 ? 0 : nanos / 1000.0 / requests;
    }
}
