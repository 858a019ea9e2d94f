package io.inferencegateway.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.spi.RateLimit;
import io.inferencegateway.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: gateway-http and the batch worker each kept a limiter of their own for the same Globus client, and
 * together went over the service's limit. Two budgets over separate connection pools (two processes) on one
 * database share one schedule.
 */
class PostgresCallBudgetTest {

    private static final RateLimit LIMIT = new RateLimit(5, Duration.ofSeconds(1));

    @Test
    void twoProcessesReservingAtOnceStayTogetherWithinTheLimit() throws Exception {
        DatabaseSettings settings = TestServers.freshDatabase();
        try (Database one = Database.open(settings, "budget-one"); Database two = Database.open(settings, "budget-two")) {
            List<PostgresCallBudget> processes = List.of(new PostgresCallBudget(one.dataSource()),
                    new PostgresCallBudget(two.dataSource()));
            List<Long> starts = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                PostgresCallBudget budget = processes.get(i % 2);
                callers.add(Thread.ofVirtual().start(() -> {
                    long asked = System.nanoTime();
                    Duration wait = budget.reserve("globus-compute:client", LIMIT, Duration.ofMinutes(1)).orElseThrow();
                    starts.add(asked + wait.toNanos());
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
            List<Long> sorted = starts.stream().sorted().toList();
            assertThat(sorted).hasSize(16);
            long tolerance = Duration.ofMillis(60).toNanos(); // a reservation's round trip
            for (int i = LIMIT.calls(); i < sorted.size(); i++) {
                assertThat(sorted.get(i) - sorted.get(i - LIMIT.calls()))
                        .isGreaterThanOrEqualTo(LIMIT.window().toNanos() - tolerance);
            }
        }
    }

    @Test
    void aPauseInOneProcessHoldsTheOtherAndOtherKeysAreFree() {
        DatabaseSettings settings = TestServers.freshDatabase();
        try (Database one = Database.open(settings, "budget-one"); Database two = Database.open(settings, "budget-two")) {
            new PostgresCallBudget(one.dataSource()).pause("globus-compute:client", Duration.ofSeconds(30));
            PostgresCallBudget other = new PostgresCallBudget(two.dataSource());
            assertThat(other.reserve("globus-compute:client", LIMIT, Duration.ofSeconds(5))).isEmpty();
            assertThat(other.reserve("globus-compute:client", LIMIT, Duration.ofMinutes(1)).orElseThrow())
                    .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
            assertThat(other.reserve("globus-compute:another", LIMIT, Duration.ZERO)).contains(Duration.ZERO);
        }
    }
}
