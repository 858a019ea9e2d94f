package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sparse rows are only sparse if calls are started on a fixed schedule, not when the previous one ends. */
@Timeout(30)
class OpenLoadTest {

    @Test
    void callsAreDueOnAFixedScheduleAndAllHaveEndedOnReturn() {
        List<Long> dues = Collections.synchronizedList(new ArrayList<>());

        OpenLoad.paced(200, Duration.ofMillis(100), dues::add);

        assertThat(dues).hasSize(20);
        List<Long> sorted = dues.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).isEqualTo(Duration.ofMillis(5).toNanos());
        }
    }
}
