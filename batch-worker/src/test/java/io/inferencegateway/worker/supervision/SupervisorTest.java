package io.inferencegateway.worker.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.worker.config.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A loop that fails or returns unasked is logged, counted, reported as missing, and started again. */
@Timeout(30)
class SupervisorTest {

    private final Map<String, AtomicInteger> alive = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
    private final Supervisor.Listener listener = new Supervisor.Listener() {
        @Override
        public void configured(String kind) {
        }

        @Override
        public void up(String kind) {
            alive.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void down(String kind) {
            alive.get(kind).decrementAndGet();
        }

        @Override
        public void restarted(String kind) {
            restarts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }
    };

    @Test
    void aLoopThatFailsIsReplacedAndReadinessSaysSoMeanwhile() {
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger built = new AtomicInteger();
        // The first loop throws once released; the second runs until closed.
        try (Supervisor supervisor = new Supervisor(new Backoff(Duration.ofMillis(400), Duration.ofMillis(400)),
                listener)) {
            supervisor.supervise("lines", "lane-0", () -> built.incrementAndGet() == 1
                    ? new TestLoop(released, new IllegalStateException("All records must be acknowledged"))
                    : new TestLoop(new CountDownLatch(1), null));
            await().until(() -> alive.getOrDefault("lines", new AtomicInteger()).get() == 1);
            assertThat(supervisor.problems()).isEmpty();

            released.countDown();
            await().until(() -> !supervisor.problems().isEmpty());
            assertThat(supervisor.problems()).containsExactly("lines: 0 of 1 running");
            assertThat(restarts.get("lines")).hasValue(1);

            await().until(() -> built.get() == 2 && supervisor.problems().isEmpty());
            assertThat(alive.get("lines")).hasValue(1);
        }
        assertThat(alive.get("lines")).as("closed").hasValue(0);
    }

    @Test
    void aLoopThatReturnsUnaskedIsAFailureTooButClosingIsNot() {
        AtomicInteger built = new AtomicInteger();
        try (Supervisor supervisor = new Supervisor(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)),
                listener)) {
            supervisor.supervise("housekeeping", "sweeper", () -> built.incrementAndGet() <= 2
                    ? new TestLoop(new CountDownLatch(0), null)
                    : new TestLoop(new CountDownLatch(1), null));
            await().until(() -> built.get() == 3 && supervisor.problems().isEmpty());
            assertThat(restarts.get("housekeeping")).hasValue(2);
        }
        assertThat(restarts.get("housekeeping")).as("no restart counted for close").hasValue(2);
    }

    @Test
    void anErrorSuchAsOutOfMemoryIsSurvivedToo() {
        AtomicInteger built = new AtomicInteger();
        try (Supervisor supervisor = new Supervisor(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)),
                listener)) {
            supervisor.supervise("submissions", "submissions", () -> {
                if (built.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return new TestLoop(new CountDownLatch(1), null);
            });
            await().until(() -> built.get() == 2 && supervisor.problems().isEmpty());
            assertThat(restarts.get("submissions")).hasValue(1);
        }
    }

    /** Runs until {@code end} opens or it is closed; then returns, or throws {@code failure}. */
    private static final class TestLoop implements Loop {
        private final CountDownLatch end;
        private final RuntimeException failure;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final CountDownLatch returned = new CountDownLatch(1);

        TestLoop(CountDownLatch end, RuntimeException failure) {
            this.end = end;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                while (closed.getCount() > 0 && end.getCount() > 0) {
                    end.await(10, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                returned.countDown();
            }
            if (closed.getCount() > 0 && failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() {
            closed.countDown();
            try {
                returned.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
