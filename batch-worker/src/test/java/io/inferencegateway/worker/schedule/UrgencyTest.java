package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UrgencyTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static int tier(Duration left) {
        return Urgency.tier(NOW.plus(left), NOW);
    }

    @Test
    void deadlinesWithinAFactorOfTwoAreEquallyUrgent() {
        assertThat(tier(Duration.ofHours(24))).isEqualTo(tier(Duration.ofHours(23).plusMinutes(55)));
        assertThat(tier(Duration.ofMinutes(4))).isLessThan(tier(Duration.ofMinutes(8).plusSeconds(1)));
    }

    @Test
    void anEarlierDeadlineIsNeverLessUrgent() {
        int previous = -1;
        for (long seconds = -10; seconds < 1_000_000; seconds = seconds < 10 ? seconds + 1 : seconds * 11 / 10) {
            int tier = tier(Duration.ofSeconds(seconds));
            assertThat(tier).isGreaterThanOrEqualTo(previous);
            previous = tier;
        }
        assertThat(tier(Duration.ofSeconds(-30))).isZero();
    }
}
