package io.inferencegateway.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.progress.BatchSnapshot;
import org.junit.jupiter.api.Test;

/** What a batch's JSON says, in each family, and the exit code of each way a batch ends. */
class BatchesTest {

    @Test
    void anOpenAiBatchGivesItsCountsAndWaitingReason() {
        BatchSnapshot batch = Batches.openAiSnapshot(GatewayClient.parse("{\"id\":\"batch_a\",\"status\":"
                + "\"in_progress\",\"request_counts\":{\"total\":10,\"completed\":4,\"failed\":1},"
                + "\"waiting\":{\"reason\":\"interactive_load\",\"since\":1}}"));
        assertThat(batch).isEqualTo(new BatchSnapshot("batch_a", "in_progress", false, 10, 4, 1, "interactive_load"));
        assertThat(batch.done()).isEqualTo(5);
    }

    @Test
    void aFirstBatchGivesItsStatusAndWaitingReasonWithoutCounts() {
        BatchSnapshot batch = Batches.firstSnapshot(GatewayClient.parse("{\"batch_id\":\"b\",\"status\":\"running\","
                + "\"waiting_reason\":\"endpoint_unreachable\"}"));
        assertThat(batch).isEqualTo(new BatchSnapshot("b", "running", false, -1, 0, 0, "endpoint_unreachable"));
        assertThat(batch.countsKnown()).isFalse();
        assertThat(Batches.firstSnapshot(GatewayClient.parse("{\"batch_id\":\"b\",\"status\":\"failed\"}"))
                .terminal()).isTrue();
    }

    @Test
    void eachEndHasItsOwnExitCode() {
        assertThat(Batches.exitCode(ended("completed"))).isEqualTo(ExitCodes.OK);
        assertThat(Batches.exitCode(ended("failed"))).isEqualTo(ExitCodes.BATCH_FAILED);
        assertThat(Batches.exitCode(ended("expired"))).isEqualTo(ExitCodes.BATCH_EXPIRED);
        assertThat(Batches.exitCode(ended("cancelled"))).isEqualTo(ExitCodes.BATCH_CANCELLED);
        assertThat(Batches.exitCode(new BatchSnapshot("b", "in_progress", false, 1, 0, 0, null)))
                .as("still running").isEqualTo(ExitCodes.OK);
    }

    private static BatchSnapshot ended(String status) {
        return new BatchSnapshot("b", status, true, 1, 1, 0, null);
    }
}
