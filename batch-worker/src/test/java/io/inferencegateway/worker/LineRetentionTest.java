package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.worker.housekeeping.LineRetention;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lines of a batch that ended longer ago than the retention are removed by the workers' sweep; the batch, its
 * counts and its files stay, and the lines of a batch that ended within it stay too.
 */
@Timeout(120)
class LineRetentionTest {

    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        stack.startWorker("retention");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theLinesOfABatchEndedLongerAgoThanTheRetentionGoItsBatchAndFilesStay() {
        String old = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 30));
        String recent = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 20));
        stack.submit(old);
        stack.submit(recent);
        Batch done = stack.awaitState(old, BatchState.COMPLETED, Duration.ofSeconds(60));
        stack.awaitState(recent, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertThat(stack.finished(old)).isEqualTo(30);

        endedDaysAgo(old, 31);
        endedDaysAgo(recent, 29);

        await().atMost(Duration.ofSeconds(30)).until(() -> stack.finished(old) == 0);
        Batch after = stack.batches.find(old).orElseThrow();
        assertThat(after.state()).isEqualTo(BatchState.COMPLETED);
        assertThat(after.requestCounts()).isEqualTo(done.requestCounts());
        assertThat(stack.fileLines(after.outputFileId())).as("the answers, in the output file").hasSize(30);
        assertThat(stack.finished(recent)).as("lines of a batch ended within the retention").isEqualTo(20);
    }

    @Test
    void theRetentionIsThirtyDaysUnlessSetAndNeverLessThanTheConsolesWeek() {
        assertThat(LineRetention.fromEnvironment(Map.<String, String>of()::get)).isEqualTo(Duration.ofDays(30));
        assertThat(LineRetention.fromEnvironment(Map.of(LineRetention.DAYS, "90")::get))
                .isEqualTo(Duration.ofDays(90));
        assertThatThrownBy(() -> LineRetention.fromEnvironment(Map.of(LineRetention.DAYS, "6")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LineRetention.DAYS);
        assertThatThrownBy(() -> LineRetention.fromEnvironment(Map.of(LineRetention.DAYS, "a month")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LineRetention.DAYS);
    }

    private static void endedDaysAgo(String batchId, int days) {
        Sql.withConnection(stack.database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE batches SET completed_at = now() - make_interval(days => ?) WHERE id = ?")) {
                s.setInt(1, days);
                s.setString(2, batchId);
                return s.executeUpdate();
            }
        });
    }
}
