package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.worker.config.WorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lines held through a long outage have their acquisition locks renewed; cancelling their batch then ends them
 * without costing the worker a lane (a lane once died here at its next poll and was never replaced).
 */
@Timeout(120)
class LaneSupervisionTest {

    static final String DOWN = "sim-down";
    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() throws Exception {
        stack = WorkerStack.create();
        // Production's retry timing (probes of a down endpoint up to 30 s apart) and concurrency.
        WorkerSettings test = stack.settings("lanes");
        worker = stack.startWorker(new WorkerSettings("lanes", 32, 5, "127.0.0.1", 0, test.groupPrefix(),
                test.stateDirectory(), Duration.ofMillis(500), Duration.ofSeconds(30), test.sweepInterval(),
                test.nativePollInterval(), test.stuckAfter(), test.stalledAfter(), test.progressInterval(),
                test.finalizeLease(), Duration.ofSeconds(120)));
        // The shortest lock the broker allows (15 s): lanes renew every 5 s instead of every 10.
        try (Admin admin = Admin.create(stack.kafka.clientProperties("test-admin"))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP,
                    stack.settings("lanes").linesGroup()), List.of(new AlterConfigOp(
                    new ConfigEntry("share.record.lock.duration.ms", "15000"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void cancellingABatchWhoseLinesWaitedOutALongOutageKeepsEveryLane() {
        String id = stack.createBatch(DOWN, WorkerStack.chatLines(DOWN, 100));
        stack.submit(id);
        // The scheduler sends the endpoint's budget and more to wait on the topic (most of the 100 lines) before
        // the endpoint is found down: more than a round of renewals of those.
        await().atMost(Duration.ofSeconds(60)).until(() -> counter("batch_worker_line_renewals_total") >= 128);

        assertThat(stack.batches.transition(id, Set.of(BatchState.IN_PROGRESS), BatchState.CANCELLING)).isTrue();

        Batch batch = stack.awaitState(id, BatchState.CANCELLED, Duration.ofSeconds(30));
        List<JsonNode> errors = stack.fileLines(batch.errorFileId());
        assertThat(errors).hasSize(100).allSatisfy(line ->
                assertThat(line.at("/error/code").asText()).isEqualTo("batch_cancelled"));

        // The lanes poll again after the cancel; a lane that cannot is replaced and counted.
        String after = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 50));
        stack.submit(after);
        stack.awaitState(after, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertThat(counter("batch_worker_lane_restarts_total")).as("lanes that failed").isZero();
        assertThat(worker.laneProblems()).isEmpty();
    }

    private static double counter(String name) {
        return worker.metrics().registry().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
