package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobusReportTest {

    @Test
    void eachRowIsJudgedByItsTargetsAndTheClosedLoopFloorIsStated() {
        String report = GlobusRun.render(List.of(
                new GlobusRun.Row("amqp, wrk c=64", 123.3, 0, 511, 611, 0, 39, 0, 20),
                new GlobusRun.Row("amqp, 100/s open loop", 100.0, 0, 478, 722, 0, 40, 0, 20),
                new GlobusRun.Row("polling, wrk c=64", 60.7, 0, 1_022, 1_059, 0, 20, 19, 20)));

        assertThat(report).contains("| amqp, wrk c=64 | 123.3 | 0 | 0 | 311 ms | 411 ms | 39 | 0 | 20 (limit 20) | "
                + "≥ 100/s, 0 429s, added p50 < 300 ms ✗ |");
        assertThat(report).contains("| 278 ms | 522 ms | 40 | 0 | 20 (limit 20) | ≥ 100/s, 0 429s, added p50 < 300 ms ✓ |");
        assertThat(report).contains("0 429s, added p50 < 1200 ms ✓ |");
        assertThat(report).contains("A closed loop cannot add less than 300 ms");
    }
}
