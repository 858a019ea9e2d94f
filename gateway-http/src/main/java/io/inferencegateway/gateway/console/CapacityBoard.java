package io.inferencegateway.gateway.console;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.inferencegateway.capacity.BatchStarted;
import io.inferencegateway.capacity.BudgetReport;
import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.capacity.InteractiveReport;
import io.inferencegateway.capacity.WorkerReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the capacity topic says now, for the operator's page: each worker's latest report (its heartbeat, every
 * half second), the scheduler's latest budget and each gateway replica's interactive load. Nothing is stored but the
 * latest message of each sender; a worker silent for {@link #ALIVE} is shown as silent, and forgotten after
 * {@link #FORGOTTEN}.
 */
public final class CapacityBoard {

    static final Duration ALIVE = Duration.ofSeconds(3);
    static final Duration FORGOTTEN = Duration.ofMinutes(2);
    /** A replica reports only while it has load (and once when it ends): an older report is no load. */
    static final Duration LOAD_FRESH = Duration.ofSeconds(5);

    private final Clock clock;
    private final Map<String, WorkerReport> workers = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, InteractiveReport> interactive = new ConcurrentHashMap<>();
    private volatile BudgetReport budget;

    public CapacityBoard(Clock clock) {
        this.clock = clock;
    }

    public void accept(CapacityMessage message) {
        switch (message) {
            case WorkerReport report -> {
                workers.put(report.sender(), report);
                firstSeen.putIfAbsent(report.sender(), report.atMillis());
            }
            case InteractiveReport report -> interactive.put(report.sender(), report);
            case BudgetReport report -> budget = report;
            case BatchStarted started -> {
                // The console shows batches from their own events.
            }
        }
    }

    /**
     * One worker as the page shows it.
     *
     * @param lanes    the endpoints it has lines of, and how many of each run now
     * @param inFlight lines running now, over its lanes
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Worker(String id, boolean alive, long lastHeartbeatMillis, long firstSeenMillis,
                         Map<String, Integer> lanes, int inFlight, List<String> down) {
    }

    /** Workers heard from in the last {@link #FORGOTTEN}, alive ones first. */
    public List<Worker> workers() {
        long now = clock.millis();
        workers.values().removeIf(report -> now - report.atMillis() > FORGOTTEN.toMillis());
        firstSeen.keySet().retainAll(workers.keySet());
        List<Worker> list = new ArrayList<>();
        for (WorkerReport report : workers.values()) {
            Map<String, Integer> lanes = new TreeMap<>();
            List<String> down = new ArrayList<>();
            for (WorkerReport.EndpointLoad load : report.endpoints()) {
                lanes.put(load.endpoint(), load.running());
                if (load.down()) {
                    down.add(load.endpoint());
                }
            }
            list.add(new Worker(report.sender(), now - report.atMillis() <= ALIVE.toMillis(), report.atMillis(),
                    firstSeen.getOrDefault(report.sender(), report.atMillis()), lanes,
                    lanes.values().stream().mapToInt(Integer::intValue).sum(), down));
        }
        list.sort(Comparator.comparing((Worker worker) -> !worker.alive()).thenComparing(Worker::id));
        return list;
    }

    /**
     * One endpoint's batch and interactive load now.
     *
     * @param batchRunning  batch lines running on it, over the live workers
     * @param interactive   interactive requests under way, over the gateway replicas
     * @param budget        the scheduler's budget for it, or null when it has none
     * @param budgetReason  why the budget is below the endpoint's cap, or null
     */
    public record EndpointLoad(String endpoint, int batchRunning, int interactive, Integer budget,
                               String budgetReason) {
    }

    /** Every endpoint some report names, by slug. */
    public Map<String, EndpointLoad> endpoints() {
        long now = clock.millis();
        Map<String, int[]> counts = new TreeMap<>();
        for (WorkerReport report : workers.values()) {
            if (now - report.atMillis() <= ALIVE.toMillis()) {
                report.endpoints().forEach(load -> counts.computeIfAbsent(load.endpoint(), e -> new int[2])[0]
                        += load.running());
            }
        }
        for (InteractiveReport report : interactive.values()) {
            if (now - report.atMillis() <= LOAD_FRESH.toMillis()) {
                report.endpoints().forEach(load -> counts.computeIfAbsent(load.endpoint(), e -> new int[2])[1]
                        += load.inFlight());
            }
        }
        Map<String, BudgetReport.EndpointBudget> budgets = new TreeMap<>();
        BudgetReport current = budget;
        if (current != null) {
            current.endpoints().forEach(entry -> budgets.put(entry.endpoint(), entry));
            budgets.keySet().forEach(endpoint -> counts.computeIfAbsent(endpoint, e -> new int[2]));
        }
        Map<String, EndpointLoad> endpoints = new TreeMap<>();
        counts.forEach((endpoint, pair) -> {
            BudgetReport.EndpointBudget entry = budgets.get(endpoint);
            endpoints.put(endpoint, new EndpointLoad(endpoint, pair[0], pair[1],
                    entry == null ? null : entry.total(), entry == null ? null : entry.reason()));
        });
        return endpoints;
    }

    /** The worker leading the scheduler, as its latest budget says, or null. */
    public String scheduler() {
        BudgetReport current = budget;
        return current == null || clock.millis() - current.atMillis() > FORGOTTEN.toMillis() ? null
                : current.sender();
    }
}
