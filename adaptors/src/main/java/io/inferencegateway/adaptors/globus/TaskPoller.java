package io.inferencegateway.adaptors.globus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one task poller of a process. Every task anybody waits for is watched here; each round asks Globus Compute
 * about all of them together ({@code POST /v2/batch_status} with up to 128 ids, or {@code GET /v2/tasks/{id}} for
 * a lone task), through the rate-limited client. A finished task's report is fetched once and stored, because the
 * service may delete a result once it has been read. Tasks whose results are pushed over AMQP
 * ({@link ResultStreams}) are left out while their client's queue is being read, and polled when it is not.
 */
final class TaskPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPoller.class);

    /** How long a finished report is kept for callers who ask again (a batch's status is asked for repeatedly). */
    static final Duration KEEP_FINISHED = Duration.ofDays(3);

    /** A watched task; {@code pushed} ones are skipped while their client's results queue is being read. */
    private record Watch(Credentials client, boolean pushed, CompletableFuture<TaskReport> report) {
    }

    private final ComputeApi api;
    private final Duration interval;
    private final Predicate<Credentials> pushing;
    private final Map<String, Watch> watched = new LinkedHashMap<>();
    private final Map<String, String> lastState = new HashMap<>();
    private final Cache<String, TaskReport> finished = Caffeine.newBuilder()
            .expireAfterWrite(KEEP_FINISHED).maximumSize(100_000).build();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private long lastRound = Long.MIN_VALUE / 2;
    private volatile boolean closed;

    /**
     * @param pushing whether a client's results arrive over AMQP just now; its pushed tasks are then not polled
     */
    TaskPoller(ComputeApi api, Duration interval, Predicate<Credentials> pushing) {
        this.api = api;
        this.interval = interval;
        this.pushing = pushing;
        this.thread = Thread.ofVirtual().name("globus-compute-poller").start(this::run);
    }

    /**
     * The task's final report, once it is known. Watching a task already watched returns the same future; a task
     * that finished earlier completes at once.
     */
    CompletableFuture<TaskReport> watch(Credentials client, String taskId) {
        return watch(client, taskId, false);
    }

    /** As {@link #watch(Credentials, String)}; {@code pushed} when the task's result is also put on an AMQP queue. */
    CompletableFuture<TaskReport> watch(Credentials client, String taskId, boolean pushed) {
        lock.lock();
        try {
            // Under the lock: a pushed result may arrive between a check outside it and the watch.
            TaskReport done = finished.getIfPresent(taskId);
            if (done != null) {
                return CompletableFuture.completedFuture(done);
            }
            Watch watch = watched.computeIfAbsent(taskId, id -> new Watch(client, pushed, new CompletableFuture<>()));
            changed.signalAll();
            return watch.report();
        } finally {
            lock.unlock();
        }
    }

    /** A final report, polled or pushed (the results queue): kept, and the watch completed; the first one wins. */
    void deliver(TaskReport report) {
        if (!report.done()) {
            return;
        }
        Watch watch;
        lock.lock();
        try {
            if (finished.getIfPresent(report.taskId()) != null) {
                return; // read once already, the other way
            }
            finished.put(report.taskId(), report);
            watch = watched.remove(report.taskId());
            lastState.remove(report.taskId());
        } finally {
            lock.unlock();
        }
        if (watch != null) {
            watch.report().complete(report);
        }
    }

    /** Stops watching a task nobody waits for any more (an interactive call that timed out). */
    void forget(String taskId) {
        lock.lock();
        try {
            watched.remove(taskId);
            lastState.remove(taskId);
        } finally {
            lock.unlock();
        }
    }

    /** The stored final report, if the task finished while watched. */
    Optional<TaskReport> finished(String taskId) {
        return Optional.ofNullable(finished.getIfPresent(taskId));
    }

    /** The last state the service reported for a watched task, e.g. {@code waiting-for-ep} or {@code running}. */
    Optional<String> lastState(String taskId) {
        lock.lock();
        try {
            return Optional.ofNullable(lastState.get(taskId));
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            Map<Credentials, List<String>> byClient;
            try {
                byClient = awaitWork();
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<Credentials, List<String>> group : byClient.entrySet()) {
                List<String> ids = group.getValue();
                for (int from = 0; from < ids.size() && !closed; from += ComputeApi.MAX_IDS_PER_STATUS_CALL) {
                    poll(group.getKey(), ids.subList(from, Math.min(ids.size(),
                            from + ComputeApi.MAX_IDS_PER_STATUS_CALL)));
                }
            }
        }
    }

    /**
     * Waits for watched tasks and for the round's time, and returns them by client. Rounds start one interval apart
     * (a round's own calls do not push the next one back, so a busy client's results wait at most an interval); the
     * first round after a quiet spell starts half an interval after the work came, as a task just submitted is
     * seldom done sooner.
     */
    private Map<Credentials, List<String>> awaitWork() throws InterruptedException {
        lock.lock();
        try {
            while (watched.isEmpty() && !closed) {
                changed.await();
            }
            long now = System.nanoTime();
            long due = now - lastRound >= interval.toNanos() ? now + interval.toNanos() / 2
                    : lastRound + interval.toNanos();
            long wait = due - now;
            while (wait > 0 && !closed) {
                wait = changed.awaitNanos(wait);
            }
            lastRound = System.nanoTime();
            Map<Credentials, List<String>> byClient = new LinkedHashMap<>();
            Map<Credentials, Boolean> pushes = new HashMap<>();
            watched.forEach((id, watch) -> {
                if (watch.pushed() && pushes.computeIfAbsent(watch.client(), pushing::test)) {
                    return; // its result comes over the client's results queue
                }
                byClient.computeIfAbsent(watch.client(), c -> new ArrayList<>()).add(id);
            });
            return byClient;
        } finally {
            lock.unlock();
        }
    }

    private void poll(Credentials client, List<String> ids) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, TaskReport> reports;
        try {
            reports = ids.size() == 1 ? Map.of(ids.get(0), api.task(client, ids.get(0), deadline))
                    : api.batchStatus(client, ids, deadline);
        } catch (ComputeException e) {
            // The tasks stay watched; the next round asks again.
            LOG.warn("Polling {} Globus Compute task(s) failed: {}", ids.size(), e.getMessage());
            return;
        }
        for (TaskReport report : reports.values()) {
            if (report.done()) {
                deliver(report);
                continue;
            }
            lock.lock();
            try {
                if (watched.containsKey(report.taskId())) {
                    lastState.put(report.taskId(), report.state());
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }
}
