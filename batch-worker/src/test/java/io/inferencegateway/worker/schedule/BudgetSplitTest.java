package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetSplitTest {

    @Test
    void workersShareOneBudgetInsteadOfEachRunningItsOwn() {
        Map<String, Integer> parts = LeaderTerm.split(33, List.of("w1", "w2", "w3", "w4"));

        assertThat(parts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(33);
        assertThat(parts).containsEntry("w1", 9).containsEntry("w4", 8);
    }

    @Test
    void withFewerLinesThanWorkersTheWorkersTogetherStillRunNoMoreThanTheBudget() {
        assertThat(LeaderTerm.split(2, List.of("w1", "w2", "w3"))).containsOnly(Map.entry("w1", 1),
                Map.entry("w2", 1), Map.entry("w3", 0));
        assertThat(LeaderTerm.split(0, List.of("w1", "w2"))).containsOnly(Map.entry("w1", 0), Map.entry("w2", 0));
    }
}
