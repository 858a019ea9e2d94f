package io.inferencegateway.worker.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.capacity.BudgetReport;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.worker.config.SchedulingSettings;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.lines.Endpoints;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.DispatchRows;
import io.inferencegateway.worker.store.DispatchRows.ActiveBatch;
import io.inferencegateway.worker.store.DispatchRows.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler while this worker leads: every tick it counts the lines finished (from the results topic), and for
 * each endpoint dispatches as many lines as keep it at its budget plus a second of lines waiting, chosen by
 * {@link FairOrder}; every quarter second it updates each endpoint's budget from the workers' and gateways' reports
 * ({@link AdaptiveBudget}), publishes each worker's part, and records why batches wait. Its state is rebuilt from
 * PostgreSQL when a worker starts to lead, so a new leader carries on where the last one stopped. One thread only.
 */
final class LeaderTerm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderTerm.class);
    static final int MAX_LINES_PER_TICK = 2_000;
    private static final long BUDGET_MILLIS = 250;
    private static final long PACE_MILLIS = 1_000;
    private static final long RISK_MILLIS = 5_000;
    /** Batches that no endpoint serves: dispatched at once, their lines fail as the workers find no endpoint. */
    private static final String NO_ENDPOINT = "";

    private final SchedulingSettings settings;
    private final DispatchRows rows;
    private final AdaptorRegistry registry;
    private final Endpoints endpoints;
    /** Sends lines. */
    private final RecordSender sender;
    /** Sends budgets, at once. */
    private final RecordSender capacity;
    private final Topics topics;
    private final CapacityBoard board;
    private final EventPublisher events;
    private final WorkerMetrics metrics;
    private final String workerId;
    private final Consumer<String, RecordedLines> results;
    private final ModelAvailability availability;
    private final BackendMetrics backendMetrics = new BackendMetrics();
    /** Which partition of the lines topic each line goes to: none far ahead of the others in lines to do. */
    private final PartitionBacklog linePartitions;
    private final Map<String, QueuedBatch> batches = new LinkedHashMap<>();
    private final Map<String, EndpointSchedule> schedules = new LinkedHashMap<>();
    private long nextRefresh;
    /** The board's count of started batches at the last read of the batches in progress. */
    private long startedRead = -1;
    private long nextBudget;
    private long nextPace;
    private long nextRisk;

    LeaderTerm(SchedulingSettings settings, DispatchRows rows, AdaptorRegistry registry, Endpoints endpoints,
               RecordSender sender, RecordSender capacity, Topics topics, CapacityBoard board, EventPublisher events,
               WorkerMetrics metrics, String workerId, Consumer<String, RecordedLines> results,
               PartitionBacklog linePartitions) {
        this.settings = settings;
        this.rows = rows;
        this.registry = registry;
        this.endpoints = endpoints;
        this.sender = sender;
        this.capacity = capacity;
        this.topics = topics;
        this.board = board;
        this.events = events;
        this.metrics = metrics;
        this.workerId = workerId;
        this.results = results;
        this.linePartitions = linePartitions;
        this.availability = new ModelAvailability(registry);
        // Counting starts at the results topic's end now, before the batches' pending lines are counted.
        List<TopicPartition> partitions = results.partitionsFor(topics.results()).stream()
                .map(p -> new TopicPartition(topics.results(), p.partition())).toList();
        results.assign(partitions);
        results.seekToEnd(partitions);
        partitions.forEach(results::position);
    }

    void tick(long now) {
        countResults();
        long started = board.startedBatches();
        if (now >= nextRefresh || started != startedRead) {
            // Read at once when a worker says a batch started: its first lines go out within this tick.
            startedRead = started;
            refresh();
            nextRefresh = now + settings.refresh().toMillis();
        }
        if (now >= nextBudget) {
            budgets(now);
            nextBudget = now + BUDGET_MILLIS;
        } else if (settings.fair()) {
            yieldToInteractive(now);
        }
        if (now >= nextPace) {
            pace();
            nextPace = now + PACE_MILLIS;
        }
        linePartitions.refresh(now);
        dispatch(now);
        if (now >= nextRisk) {
            if (nextRisk > 0) {
                risks(now);
            }
            nextRisk = now + RISK_MILLIS;
        }
    }

    private void countResults() {
        for (ConsumerRecord<String, RecordedLines> record : results.poll(Duration.ZERO)) {
            RecordedLines result = record.value();
            QueuedBatch batch = result == null ? null : batches.get(result.batchId());
            if (batch != null) {
                batch.finished += result.lines();
                int counted = Math.min(batch.outstanding, result.lines());
                if (counted > 0) {
                    batch.outstanding -= counted;
                    EndpointSchedule schedule = schedules.get(batch.endpoint());
                    if (schedule != null) {
                        schedule.outstanding = Math.max(0, schedule.outstanding - counted);
                        schedule.finishedSinceLastPace += counted;
                    }
                }
            }
        }
    }

    /** Reads the batches in progress: new ones join, finished or cancelled ones leave, reset cursors restart. */
    private void refresh() {
        Set<String> seen = new HashSet<>();
        for (ActiveBatch row : rows.active()) {
            seen.add(row.id());
            QueuedBatch known = batches.get(row.id());
            if (known == null) {
                String slug = schedule(row).map(EndpointSchedule::slug).orElse(NO_ENDPOINT);
                QueuedBatch batch = new QueuedBatch(row, slug, rows.pending(row.id(), row.dispatchedThrough()));
                batches.put(row.id(), batch);
                adjustOutstanding(batch, batch.outstanding);
            } else if (known.resetUnder(row)) {
                LOG.info("Dispatching the pending lines of batch {} again from its first line", row.id());
                adjustOutstanding(known, -known.outstanding);
                known.restart(row, rows.pending(row.id(), row.dispatchedThrough()));
                adjustOutstanding(known, known.outstanding);
            } else {
                known.refresh(row);
            }
        }
        batches.values().removeIf(batch -> {
            if (seen.contains(batch.id())) {
                return false;
            }
            adjustOutstanding(batch, -batch.outstanding);
            return true;
        });
    }

    private void adjustOutstanding(QueuedBatch batch, int lines) {
        EndpointSchedule schedule = schedules.get(batch.endpoint());
        if (schedule != null) {
            schedule.outstanding = Math.max(0, schedule.outstanding + lines);
        }
    }

    private Optional<EndpointSchedule> schedule(ActiveBatch row) {
        Optional<BaseEndpoint> endpoint = registry.endpoint(row.cluster(), row.framework(), row.model());
        return endpoint.map(e -> schedules.computeIfAbsent(e.endpointSlug(), slug -> new EndpointSchedule(e,
                new AdaptiveBudget(settings.inflation(), settings.reserve(), endpoints.cap(e)), endpoints.cap(e))));
    }

    /** Each endpoint's budget from the reports since the last update, each worker's part, and why batches wait. */
    private void budgets(long now) {
        List<String> live = board.liveWorkers(now);
        int workers = Math.max(1, live.size());
        for (EndpointSchedule schedule : schedules.values()) {
            int cap = endpoints.cap(schedule.endpoint) * workers;
            AdaptiveBudget.Signals signals = board.take(schedule.slug(), now);
            Optional<BackendMetrics.Reading> reading = backendMetrics.latest(schedule.endpoint, now);
            if (reading.isPresent()) {
                signals = signals.withBackend(reading.get().running(), reading.get().waiting(),
                        reading.get().cacheUsage());
            }
            if (settings.fair()) {
                if (!backendMetrics.settled(schedule.endpoint, now)) {
                    continue;
                }
                schedule.limit = schedule.budget.update(System.nanoTime(), signals, cap);
                schedule.budgeted = true;
                schedule.budgetReason = schedule.budget.reason();
                schedule.keep = signals.interactive() > 0 ? schedule.budget.keepBeside(signals.interactive()) : -1;
                // The budget's gauge first: whoever reads why the batches wait (rows, events) then finds the
                // budget that says so on /metrics, not the one before it.
                metrics.budget(schedule.slug(), schedule.limit);
                waiting(schedule, now);
            } else {
                schedule.limit = cap;
                metrics.budget(schedule.slug(), schedule.limit);
            }
        }
        if (settings.fair()) {
            publish(now, live);
        }
    }

    /**
     * Between budget updates: interactive requests that started since the last one take their slots from batches at
     * once (within a tick of the gateway's report), so a burst of interactive traffic does not wait a whole update
     * behind batch lines that are about to start, nor, where the backend is full, behind lines under way (those
     * beyond {@link AdaptiveBudget#keepBeside} are cut short). Only ever lowers the budget; the next update raises it
     * again.
     */
    private void yieldToInteractive(long now) {
        boolean lowered = false;
        for (EndpointSchedule schedule : schedules.values()) {
            if (!schedule.budgeted) {
                continue;
            }
            int interactive = board.interactive(schedule.slug(), now);
            int limit = schedule.budget.forBatches(interactive);
            if (limit < schedule.limit) {
                schedule.limit = limit;
                schedule.budgetReason = AdaptiveBudget.INTERACTIVE_LOAD;
                metrics.budget(schedule.slug(), limit);
                lowered = true;
            }
            // Also when the budget is already down: one more interactive request may need a slot a line holds.
            int keep = schedule.budget.keepBeside(interactive);
            if (interactive > 0 && (schedule.keep < 0 || keep < schedule.keep)) {
                schedule.keep = keep;
                lowered = true;
            }
        }
        if (lowered) {
            publish(now, board.liveWorkers(now));
        }
    }

    /**
     * Sends every budgeted endpoint's budget, split among the live workers, and applies this worker's part at once
     * rather than when it reads it back.
     */
    private void publish(long now, List<String> live) {
        List<BudgetReport.EndpointBudget> parts = new ArrayList<>();
        for (EndpointSchedule schedule : schedules.values()) {
            if (schedule.budgeted) {
                parts.add(new BudgetReport.EndpointBudget(schedule.slug(), schedule.limit, split(schedule.limit, live),
                        schedule.budgetReason, schedule.keep < 0 ? Map.of() : split(schedule.keep, live)));
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        BudgetReport report = new BudgetReport(workerId, now, parts);
        board.accept(report);
        board.applyParts(workerId, report.atMillis(), Long.MAX_VALUE, endpoints);
        capacity.send(topics.capacity(), workerId, report, (metadata, e) -> {
            if (e != null) {
                LOG.debug("Budget not sent: {}", e.toString());
            }
        });
    }

    /**
     * Each live worker's part of {@code limit}: shares as equal as can be, never more than the limit together (with
     * fewer lines than workers, some workers run none for a while: their lines wait, renewed, until the budget
     * grows).
     */
    static Map<String, Integer> split(int limit, List<String> workers) {
        Map<String, Integer> parts = new HashMap<>();
        for (int i = 0; i < workers.size(); i++) {
            parts.put(workers.get(i), limit / workers.size() + (i < limit % workers.size() ? 1 : 0));
        }
        return parts;
    }

    /** Records why the endpoint's batches wait, or that they no longer do: in the rows, events, log and metrics. */
    private void waiting(EndpointSchedule schedule, long now) {
        String reason = availability.unavailable(schedule.endpoint, now).orElse(null);
        if (reason == null && board.down(schedule.slug(), now)) {
            reason = "endpoint_unreachable";
        }
        if (reason == null && schedule.limit == 0 && AdaptiveBudget.INTERACTIVE_LOAD.equals(schedule.budgetReason)) {
            reason = AdaptiveBudget.INTERACTIVE_LOAD;
        }
        if (!Objects.equals(reason, schedule.waitingReason)) {
            metrics.waiting(schedule.slug(), schedule.waitingReason == null ? "none" : reasonLabel(schedule.waitingReason), 0);
            if (reason == null) {
                LOG.info("Endpoint {} takes batch lines again (was: {})", schedule.slug(), schedule.waitingReason);
            } else if (!reason.equals(AdaptiveBudget.INTERACTIVE_LOAD)) {
                LOG.warn("Endpoint {} takes no batch lines for now: {}; its batches' lines wait, spending no "
                        + "attempts", schedule.slug(), reason);
            }
            schedule.waitingReason = reason;
        }
        List<String> changed = new ArrayList<>();
        int waiting = 0;
        for (QueuedBatch batch : batches.values()) {
            if (batch.endpoint().equals(schedule.slug()) && batch.remaining() > 0) {
                waiting += reason == null ? 0 : 1;
                if (!Objects.equals(batch.waitingReason, reason)) {
                    changed.add(batch.id());
                    batch.waitingReason = reason;
                }
            }
        }
        for (String[] batch : rows.setWaiting(changed, reason)) {
            events.note(batch[0], batch[1], reason == null ? "resumed" : "waiting: " + reason);
        }
        metrics.waiting(schedule.slug(), reason == null ? "none" : reasonLabel(reason), waiting);
    }

    /** The metric label of a reason: its code, without the details after a colon. */
    private static String reasonLabel(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private void pace() {
        double seconds = PACE_MILLIS / 1000.0;
        for (EndpointSchedule schedule : schedules.values()) {
            schedule.pace = 0.5 * schedule.pace + 0.5 * schedule.finishedSinceLastPace / seconds;
            schedule.finishedSinceLastPace = 0;
        }
    }

    private void dispatch(long now) {
        RecordSender.Batch sends = sender.batch();
        List<QueuedBatch> touched = new ArrayList<>();
        int room = MAX_LINES_PER_TICK;
        for (QueuedBatch batch : batches.values()) {
            if (room > 0 && (!settings.fair() || batch.endpoint().equals(NO_ENDPOINT))) {
                room -= send(batch, batch.take(room, rows), sends, touched);
            }
        }
        if (settings.fair()) {
            for (EndpointSchedule schedule : schedules.values()) {
                // The cluster's latest answer counts at once, not only at the next budget update.
                if (room <= 0 || schedule.waitingReason != null || !availability.settled(schedule.endpoint, now)
                        || availability.unavailable(schedule.endpoint, now).isPresent()
                        || !backendMetrics.settled(schedule.endpoint, now) || !schedule.budgeted) {
                    continue;
                }
                // Running, plus enough waiting on the topic that no lane idles between two dispatches and the results'
                // way back (a line's trip from dispatch to its counted result takes a second or more under load):
                // twice the budget, or three seconds' worth at the current pace if that is more.
                int target = schedule.limit + Math.max(2 * schedule.limit,
                        (int) Math.ceil(schedule.pace * settings.prefetch().toMillis() / 1000.0));
                int allowance = Math.min(room, target - schedule.outstanding);
                if (allowance <= 0) {
                    continue;
                }
                List<FairOrder.Candidate> candidates = new ArrayList<>();
                for (QueuedBatch batch : batches.values()) {
                    if (batch.endpoint().equals(schedule.slug())) {
                        candidates.add(new FairOrder.Candidate(batch.id(), batch.row().userId(),
                                batch.row().expiresAt(), batch.available()));
                    }
                }
                for (Map.Entry<String, Integer> pick : schedule.order.pick(candidates, allowance,
                        Instant.ofEpochMilli(now)).entrySet()) {
                    QueuedBatch batch = batches.get(pick.getKey());
                    int sent = send(batch, batch.take(pick.getValue(), rows), sends, touched);
                    schedule.outstanding += sent;
                    room -= sent;
                }
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        // On the topic first, then the cursor: a leader that dies between them sends lines twice, never loses one.
        sends.await();
        for (QueuedBatch batch : touched) {
            if (batch.moved() && !batch.storeCursor(rows)) {
                LOG.info("The cursor of batch {} was reset: its lines are read again", batch.id());
                nextRefresh = 0;
            }
        }
    }

    private int send(QueuedBatch batch, List<StoredRequest> lines, RecordSender.Batch sends,
                     List<QueuedBatch> touched) {
        if (lines.isEmpty()) {
            return 0;
        }
        ActiveBatch row = batch.row();
        for (StoredRequest line : lines) {
            JsonNode body = line.body() == null ? null : Json.read(line.body());
            LineTask task = new LineTask(row.id(), line.customId(), line.lineNumber(), row.cluster(), row.framework(),
                    row.model(), line.url(), body instanceof ObjectNode object ? object : null);
            sends.send(topics.lines(), linePartitions.next(), task.key(), task);
        }
        touched.add(batch);
        metrics.dispatched(batch.endpoint().isEmpty() ? "none" : batch.endpoint(), lines.size());
        return lines.size();
    }

    /**
     * Notes, once, each batch that cannot finish by its deadline at the pace it has kept since this leader saw it
     * (judged after {@link #RISK_MILLIS} at least, so a start or a pause for interactive traffic is no alarm).
     */
    private void risks(long now) {
        for (QueuedBatch batch : batches.values()) {
            long secondsLeft = Duration.between(Instant.ofEpochMilli(now), batch.row().expiresAt()).toSeconds();
            int remaining = batch.remaining();
            double pace = batch.overallPace(now);
            if (remaining == 0 || pace <= 0.01 || batch.waitingReason != null) {
                continue;
            }
            double needed = remaining / pace;
            if (needed > secondsLeft && !batch.atRiskNoted) {
                batch.atRiskNoted = true;
                String note = String.format(java.util.Locale.ROOT, "deadline_at_risk: %d lines left at %.1f lines/s "
                        + "need about %.0f s, %d s remain", remaining, pace, needed, secondsLeft);
                LOG.warn("Batch {}: {}", batch.id(), note);
                events.note(batch.id(), batch.row().userId(), note);
            } else if (needed < secondsLeft * 0.8) {
                batch.atRiskNoted = false;
            }
        }
    }

    @Override
    public void close() {
        results.close(Duration.ofSeconds(1));
    }
}
