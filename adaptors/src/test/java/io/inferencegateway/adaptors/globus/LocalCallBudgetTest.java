package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.spi.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The process's own budget under Globus Compute's limit, on a fake clock in microseconds. */
class LocalCallBudgetTest {

    private static final long SECOND = 1_000_000L;
    private static final RateLimit LIMIT = new RateLimit(20, Duration.ofSeconds(10));

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final LocalCallBudget budget = new LocalCallBudget(now::get);

    /** Reserves and waits (the clock moves) as a caller would; returns the call's start. */
    private long call(String key) {
        Duration wait = budget.reserve(key, LIMIT, Duration.ofHours(1)).orElseThrow();
        return now.addAndGet(wait.toNanos() / 1_000);
    }

    @Test
    void noWindowOfTenSecondsHoldsMoreThanTwentyCallsAndABusyClientIsPacedEvenly() {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            starts.add(call("client"));
        }
        for (int i = 20; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 20)).isGreaterThanOrEqualTo(10 * SECOND);
        }
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isEqualTo(512_500); // (10 s + 250 ms margin) / 20
        }
    }

    @Test
    void anIdleClientsCallStartsAtOnceAndClientsHaveSeparateBudgets() {
        long before = now.get();
        call("a");
        call("a");
        assertThat(call("b")).isEqualTo(now.get());
        now.addAndGet(60 * SECOND);
        long idle = now.get();
        assertThat(call("a")).isEqualTo(idle);
        assertThat(before).isLessThan(idle);
    }

    @Test
    void aStartLaterThanTheCallerWouldWaitIsNotReserved() {
        call("client");
        assertThat(budget.reserve("client", LIMIT, Duration.ofMillis(100))).isEmpty();
        assertThat(budget.reserve("client", LIMIT, Duration.ofSeconds(1))).contains(Duration.ofNanos(512_500_000));
    }

    @Test
    void aPauseAfter429HoldsBackTheNextCall() {
        budget.pause("client", Duration.ofSeconds(3));
        assertThat(budget.reserve("client", LIMIT, Duration.ofHours(1))).isEqualTo(Optional.of(Duration.ofSeconds(3)));
    }
}
