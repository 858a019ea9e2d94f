package io.inferencegateway.worker.schedule;

import io.inferencegateway.capacity.BatchStarted;
import io.inferencegateway.capacity.BudgetReport;
import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.capacity.InteractiveReport;
import io.inferencegateway.capacity.WorkerReport;
import io.inferencegateway.worker.lines.Endpoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What this worker last heard on the capacity topic: each worker's and each gateway replica's latest report, the
 * scheduler's latest budget, and the workers' call counts summed per endpoint until the scheduler takes them.
 * Thread-safe: the capacity exchange writes, the scheduler and the lines' gates read.
 */
public final class CapacityBoard {

    /** A sender not heard from for this long is gone (its reports come every half second). */
    static final long LIVE_MILLIS = 3_000;

    private final Map<String, WorkerReport> workers = new HashMap<>();
    private final Map<String, InteractiveReport> gateways = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private BudgetReport budget;
    /** Interactive reports read so far: the leader waits for the next one rather than for its next tick. */
    private long interactiveReports;
    /** Batches said to have started so far: the leader reads the batches in progress when this changes. */
    private long startedBatches;

    /** Calls of one endpoint summed since the scheduler last took them. */
    private static final class Pending {
        int calls;
        int congested;
        int succeeded;
        long latencyMillis;
        long tokens;
    }

    synchronized void accept(CapacityMessage message) {
        switch (message) {
            case WorkerReport report -> {
                // A worker reads its own reports back after taking them directly: each counts once.
                WorkerReport before = workers.get(report.sender());
                if (before == null || before.atMillis() < report.atMillis()) {
                    workers.put(report.sender(), report);
                    for (WorkerReport.EndpointLoad load : report.endpoints()) {
                        Pending sum = pending.computeIfAbsent(load.endpoint(), e -> new Pending());
                        sum.calls += load.calls();
                        sum.congested += load.congested();
                        sum.succeeded += load.succeeded();
                        sum.latencyMillis += load.latencyMillis();
                        sum.tokens += load.tokens();
                    }
                }
            }
            case InteractiveReport report -> {
                gateways.put(report.sender(), report);
                interactiveReports++;
                notifyAll();
            }
            case BudgetReport report -> {
                if (budget == null || budget.atMillis() <= report.atMillis()) {
                    budget = report;
                }
            }
            case BatchStarted started -> startedBatches++;
        }
    }

    /** How many batch starts were told so far: the leader reads the batches in progress when it changes. */
    synchronized long startedBatches() {
        return startedBatches;
    }

    /** How many interactive reports were read so far; see {@link #awaitInteractiveReport}. */
    synchronized long interactiveReports() {
        return interactiveReports;
    }

    /**
     * Waits up to {@code millis} for an interactive report after the {@code seen}th: a gateway reports at once when
     * its load rises, and batch lines should give way within milliseconds, not at the leader's next tick.
     */
    synchronized void awaitInteractiveReport(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; interactiveReports == seen && left > 0;
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            wait(left);
        }
    }

    /** The workers heard from lately, by id: each one's caps per endpoint are in its report. */
    synchronized List<String> liveWorkers(long nowMillis) {
        workers.values().removeIf(r -> nowMillis - r.atMillis() > LIVE_MILLIS);
        return new TreeMap<>(workers).keySet().stream().toList();
    }

    /**
     * One endpoint's signals since the last call, with the lines running on it and the interactive requests under
     * way on it now (each replica's latest report, if recent).
     */
    synchronized AdaptiveBudget.Signals take(String endpoint, long nowMillis) {
        Pending sum = pending.remove(endpoint);
        int running = 0;
        for (WorkerReport report : workers.values()) {
            if (nowMillis - report.atMillis() <= LIVE_MILLIS) {
                for (WorkerReport.EndpointLoad load : report.endpoints()) {
                    if (load.endpoint().equals(endpoint)) {
                        running += load.running();
                    }
                }
            }
        }
        int interactive = interactive(endpoint, nowMillis);
        return sum == null ? new AdaptiveBudget.Signals(0, 0, 0, 0, 0, running, interactive)
                : new AdaptiveBudget.Signals(sum.calls, sum.congested, sum.latencyMillis, sum.tokens, sum.succeeded,
                        running, interactive);
    }

    /** Whether any live worker holds the endpoint down (its circuit breaker is open). */
    synchronized boolean down(String endpoint, long nowMillis) {
        for (WorkerReport report : workers.values()) {
            if (nowMillis - report.atMillis() <= LIVE_MILLIS) {
                for (WorkerReport.EndpointLoad load : report.endpoints()) {
                    if (load.endpoint().equals(endpoint) && load.down()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The interactive requests under way on the endpoint: each gateway replica's latest report, if recent. */
    synchronized int interactive(String endpoint, long nowMillis) {
        gateways.values().removeIf(r -> nowMillis - r.atMillis() > LIVE_MILLIS);
        int sum = 0;
        for (InteractiveReport report : gateways.values()) {
            for (InteractiveReport.EndpointLoad load : report.endpoints()) {
                if (load.endpoint().equals(endpoint)) {
                    sum += Math.max(load.inFlight(), load.peakInFlight());
                }
            }
        }
        return sum;
    }

    /**
     * Holds this worker's gates to its part of the latest budget no older than {@code maxAgeMillis}, or, when there is
     * none, puts every gate back at its cap. Under the board's lock: the scheduler (applying a budget it has just
     * made) and the capacity exchange (applying what it read) cannot leave an older budget in force.
     *
     * @return whether a budget was applied
     */
    synchronized boolean applyParts(String workerId, long nowMillis, long maxAgeMillis, Endpoints endpoints) {
        Optional<Map<String, Integer>> parts = partsOf(workerId, nowMillis, maxAgeMillis);
        endpoints.follow(parts.orElse(Map.of()), parts.isPresent() ? keep(workerId) : Map.of());
        return parts.isPresent();
    }

    /** The calls under way this worker may keep on each endpoint where interactive requests need their slots. */
    private Map<String, Integer> keep(String workerId) {
        Map<String, Integer> keep = new HashMap<>();
        for (BudgetReport.EndpointBudget endpoint : budget.endpoints()) {
            if (!endpoint.keep().isEmpty()) {
                keep.put(endpoint.endpoint(), endpoint.keep().getOrDefault(workerId, 0));
            }
        }
        return keep;
    }

    /** This worker's part of each endpoint's budget, from a budget no older than {@code maxAgeMillis}. */
    synchronized Optional<Map<String, Integer>> partsOf(String workerId, long nowMillis, long maxAgeMillis) {
        if (budget == null || nowMillis - budget.atMillis() > maxAgeMillis) {
            return Optional.empty();
        }
        Map<String, Integer> parts = new HashMap<>();
        for (BudgetReport.EndpointBudget endpoint : budget.endpoints()) {
            parts.put(endpoint.endpoint(), endpoint.perWorker().getOrDefault(workerId, 0));
        }
        return Optional.of(parts);
    }
}
