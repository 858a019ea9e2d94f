package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs the tasks bound for one endpoint as one client into as few submit requests as it can, as the SDK's
 * {@code Executor} does: the first task waits a few milliseconds for company, then everything queued by the time
 * the rate limit grants the call goes in one {@code POST /v3/endpoints/{id}/submit} (within the service's 10 MB), and
 * tasks that arrive while a submit is in flight or waiting for its permit go in the next one. So the calls a client
 * makes no longer grow with its traffic.
 */
final class SubmitQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitQueue.class);

    /** The service refuses a submit over 10 MB; this leaves room for the body around the payloads. */
    static final long MAX_SUBMIT_BYTES = 9_500_000;

    /** How long a caller may wait for its task to be submitted, the permit's wait included. */
    static final Duration SUBMIT_DEADLINE = Duration.ofSeconds(60);

    /** Where a task went: its id and its task group. */
    record Submission(String taskId, String taskGroupId) {
    }

    /** Chooses the task group and queue settings of each submit (the results' route decides them). */
    interface Grouping {
        ComputeApi.SubmitRequest request(Credentials client, Map<String, List<String>> payloadsByFunction);

        void submitted(Credentials client, ComputeApi.Submitted submitted);

        /** A submit was refused. */
        default void failed(Credentials client, ComputeException failure) {
        }
    }

    private record Key(Credentials client, String endpointId) {
    }

    private record Pending(String functionId, String payload, long bytes, CompletableFuture<Submission> done) {
    }

    private final ComputeApi api;
    private final Duration window;
    private final long maxBytes;
    private final Grouping grouping;
    private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    SubmitQueue(ComputeApi api, Duration window, long maxBytes, Grouping grouping) {
        this.api = api;
        this.window = window;
        this.maxBytes = maxBytes;
        this.grouping = grouping;
    }

    /** Queues one task; the future completes with its id once the request that carried it was answered. */
    CompletableFuture<Submission> submit(Credentials client, String endpointId, String functionId, String payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new ComputeException(503, "the gateway is shutting down"));
        }
        long bytes = JsonStringEncoder.getInstance().quoteAsUTF8(payload).length + 3L;
        Pending pending = new Pending(functionId, payload, bytes, new CompletableFuture<>());
        lanes.computeIfAbsent(new Key(client, endpointId), Lane::new).add(pending);
        return pending.done();
    }

    /** Tasks queued and not yet sent, over every lane (tests wait on it). */
    int queued() {
        return lanes.values().stream().mapToInt(Lane::size).sum();
    }

    /** Submit requests that failed, and drainers that died (each logged). */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(lane -> lane.failAll(new ComputeException(503, "the gateway is shutting down")));
    }

    /** The tasks of one (client, endpoint), drained by one virtual thread while any are queued. */
    private final class Lane {
        private final Key key;
        private final Deque<Pending> queue = new ArrayDeque<>();
        private final ReentrantLock lock = new ReentrantLock();
        private boolean draining;

        Lane(Key key) {
            this.key = key;
        }

        void add(Pending pending) {
            lock.lock();
            try {
                queue.add(pending);
                if (!draining) {
                    draining = true;
                    Thread.ofVirtual().name("globus-compute-submit").start(this::drain);
                }
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return queue.size();
            } finally {
                lock.unlock();
            }
        }

        private void drain() {
            try {
                Thread.sleep(window); // the first task's company
                while (true) {
                    long deadline = System.nanoTime() + SUBMIT_DEADLINE.toNanos();
                    try {
                        api.prepare(key.client(), deadline);
                        api.acquire(key.client(), deadline);
                    } catch (ComputeException e) {
                        failAll(e);
                    }
                    List<Pending> batch = take();
                    if (!batch.isEmpty()) {
                        send(batch, deadline);
                    }
                    lock.lock();
                    try {
                        if (queue.isEmpty() || closed) {
                            draining = false;
                            return;
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(new ComputeException(503, "interrupted while submitting to Globus Compute"));
                stopped();
            } catch (RuntimeException | Error e) {
                // Never leave callers waiting on a lane that died: they fail, and the next task starts a new drainer.
                LOG.error("Submitting to Globus Compute endpoint {} failed unexpectedly", key.endpointId(), e);
                failures.incrementAndGet();
                failAll(new ComputeException(502, "submitting to Globus Compute failed: " + e));
                stopped();
            }
        }

        private void stopped() {
            lock.lock();
            try {
                draining = false;
                if (!queue.isEmpty() && !closed) {
                    draining = true;
                    Thread.ofVirtual().name("globus-compute-submit").start(this::drain);
                }
            } finally {
                lock.unlock();
            }
        }

        /** The queued tasks that fit in one request, oldest first; one larger than the limit goes alone. */
        private List<Pending> take() {
            lock.lock();
            try {
                List<Pending> batch = new ArrayList<>();
                long bytes = 0;
                while (!queue.isEmpty() && (batch.isEmpty() || bytes + queue.peek().bytes() <= maxBytes)) {
                    Pending next = queue.poll();
                    bytes += next.bytes();
                    batch.add(next);
                }
                return batch;
            } finally {
                lock.unlock();
            }
        }

        private void send(List<Pending> batch, long deadline) {
            Map<String, List<String>> payloads = new LinkedHashMap<>();
            Map<String, List<Pending>> byFunction = new LinkedHashMap<>();
            for (Pending pending : batch) {
                payloads.computeIfAbsent(pending.functionId(), f -> new ArrayList<>()).add(pending.payload());
                byFunction.computeIfAbsent(pending.functionId(), f -> new ArrayList<>()).add(pending);
            }
            ComputeApi.Submitted submitted;
            try {
                submitted = api.submit(key.client(), key.endpointId(), grouping.request(key.client(), payloads),
                        deadline, true);
            } catch (ComputeException e) {
                failures.incrementAndGet();
                grouping.failed(key.client(), e);
                batch.forEach(pending -> pending.done().completeExceptionally(e));
                return;
            }
            grouping.submitted(key.client(), submitted);
            byFunction.forEach((function, pendings) -> {
                List<String> ids = submitted.taskIdsByFunction().get(function);
                for (int i = 0; i < pendings.size(); i++) {
                    pendings.get(i).done().complete(new Submission(ids.get(i), submitted.taskGroupId()));
                }
            });
        }

        void failAll(ComputeException failure) {
            List<Pending> dropped;
            lock.lock();
            try {
                dropped = new ArrayList<>(queue);
                queue.clear();
            } finally {
                lock.unlock();
            }
            dropped.forEach(pending -> pending.done().completeExceptionally(failure));
        }
    }

    /** Waits for a submission, as the caller's {@link ComputeException} when it failed. */
    static Submission await(CompletableFuture<Submission> submission) throws ComputeException {
        try {
            return submission.get(SUBMIT_DEADLINE.toNanos() + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ComputeException failure) {
                throw failure;
            }
            throw new ComputeException(502, "submitting to Globus Compute failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ComputeException(504, "Globus Compute did not take the task in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeException(503, "interrupted while submitting to Globus Compute", e);
        }
    }
}
