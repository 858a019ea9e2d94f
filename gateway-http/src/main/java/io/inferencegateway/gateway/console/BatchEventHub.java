package io.inferencegateway.gateway.console;

import io.inferencegateway.batch.BatchEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands each batch event to the console streams of the batch's owner, and to no one else. A stream that falls
 * behind loses its oldest events (each carries the batch's whole counts, so the next one catches up); the number of
 * streams is bounded per user and in all, so no one can hold the replica's memory with open streams.
 */
public final class BatchEventHub implements AutoCloseable {

    static final int QUEUE = 256;

    private final int perUser;
    private final int total;
    private final Map<String, Set<Subscription>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public BatchEventHub(int perUser, int total) {
        this.perUser = perUser;
        this.total = total;
    }

    /** A new stream of {@code userId}'s batch events, or empty when the user or the replica has too many open. */
    public Optional<Subscription> subscribe(String userId) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return Optional.empty();
        }
        Subscription subscription = new Subscription(userId);
        boolean[] added = {false};
        byUser.compute(userId, (user, set) -> {
            Set<Subscription> subscriptions = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (subscriptions.size() < perUser) {
                subscriptions.add(subscription);
                added[0] = true;
            }
            return subscriptions;
        });
        if (!added[0]) {
            open.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(subscription);
    }

    public void publish(BatchEvent event) {
        Set<Subscription> subscriptions = event.userId() == null ? null : byUser.get(event.userId());
        if (subscriptions != null) {
            subscriptions.forEach(subscription -> subscription.offer(event));
        }
    }

    /** Whether the replica is stopping: open streams end. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }

    /** Events a slow stream did not get. */
    public long dropped() {
        return dropped.get();
    }

    /** One console stream: the events of one user's batches, in order. */
    public final class Subscription implements AutoCloseable {

        private final String userId;
        private final BlockingQueue<BatchEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean closed;

        private Subscription(String userId) {
            this.userId = userId;
        }

        private void offer(BatchEvent event) {
            while (!queue.offer(event)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }

        /** The next event, or empty when none came within {@code wait}. */
        public Optional<BatchEvent> next(Duration wait) throws InterruptedException {
            return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            byUser.computeIfPresent(userId, (user, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            open.decrementAndGet();
        }
    }
}
