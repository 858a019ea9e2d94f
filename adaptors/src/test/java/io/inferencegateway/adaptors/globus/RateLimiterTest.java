package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The client-side limit, on a fake clock that the limiter's own waits advance. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final RateLimiter limiter = new RateLimiter(20, 10 * SECOND, now::get, now::addAndGet);

    @Test
    void noWindowOfTenSecondsHoldsMoreThanTwentyCalls() throws Exception {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            assertThat(limiter.acquire("client", Long.MAX_VALUE)).isTrue();
            starts.add(now.get());
        }
        for (int i = 20; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 20)).isGreaterThanOrEqualTo(10 * SECOND);
        }
        assertThat(starts.get(19)).isEqualTo(starts.get(0)); // the first twenty go at once
    }

    @Test
    void clientsHaveSeparateBudgets() throws Exception {
        for (int i = 0; i < 20; i++) {
            limiter.acquire("a", Long.MAX_VALUE);
        }
        long before = now.get();
        assertThat(limiter.acquire("b", Long.MAX_VALUE)).isTrue();
        assertThat(now.get()).isEqualTo(before);
    }

    @Test
    void aPermitThatWouldComeAfterTheDeadlineIsRefusedWithoutWaiting() throws Exception {
        for (int i = 0; i < 20; i++) {
            limiter.acquire("client", Long.MAX_VALUE);
        }
        long before = now.get();
        assertThat(limiter.acquire("client", before + 5 * SECOND)).isFalse();
        assertThat(now.get()).isEqualTo(before);
    }

    @Test
    void aPauseAfter429HoldsBackTheNextCall() throws Exception {
        long before = now.get();
        limiter.pause("client", 3 * SECOND);
        assertThat(limiter.acquire("client", Long.MAX_VALUE)).isTrue();
        assertThat(now.get() - before).isEqualTo(3 * SECOND);
    }
}
