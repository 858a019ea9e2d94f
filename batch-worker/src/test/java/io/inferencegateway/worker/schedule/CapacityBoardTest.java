package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.capacity.BatchStarted;
import io.inferencegateway.capacity.BudgetReport;
import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.capacity.InteractiveReport;
import io.inferencegateway.capacity.WorkerReport;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.lines.EndpointGate;
import io.inferencegateway.worker.lines.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapacityBoardTest {

    CapacityBoard board = new CapacityBoard();

    static WorkerReport report(String worker, long at, int calls, int throttled, int running) {
        return new WorkerReport(worker, at, List.of(new WorkerReport.EndpointLoad("e", calls, calls - throttled,
                throttled, 0, 0, 0, 10L * calls, 8L * calls, running, false)));
    }

    @Test
    void everyKindOfReportIsReadBackAsWhatItIs() {
        JsonSerde<CapacityMessage> serde = new JsonSerde<>(CapacityMessage.class);
        CapacityMessage interactive = new InteractiveReport("g", 5, List.of(new InteractiveReport.EndpointLoad("e", 3,
                4, 7)));

        byte[] written = Json.writeBytes(interactive);

        assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).contains("\"kind\":\"interactive\"");
        assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(interactive);
        BudgetReport budget = new BudgetReport("w", 6, List.of(new BudgetReport.EndpointBudget("e", 8,
                Map.of("w", 8), null), new BudgetReport.EndpointBudget("f", 1, Map.of("w", 1), "interactive_load",
                Map.of("w", 2))));
        assertThat(serde.deserializer().deserialize("t", Json.writeBytes(budget))).isEqualTo(budget);
        CapacityMessage started = new BatchStarted("w", 7, "batch_1");
        assertThat(new String(Json.writeBytes(started), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"kind\":\"batch_started\"");
        assertThat(serde.deserializer().deserialize("t", Json.writeBytes(started))).isEqualTo(started);
    }

    @Test
    void eachBatchSaidToHaveStartedCountsSoTheLeaderReadsTheBatchesInProgressAgain() {
        long before = board.startedBatches();
        board.accept(new BatchStarted("w1", 1_000, "batch_1"));
        board.accept(report("w1", 1_000, 1, 0, 1));
        board.accept(new BatchStarted("w2", 1_001, "batch_2"));

        assertThat(board.startedBatches() - before).isEqualTo(2);
    }

    @Test
    void callsAreSummedOverWorkersAndCountedOnceWhenAWorkerReadsItsOwnReportBack() {
        WorkerReport mine = report("w1", 1_000, 10, 2, 4);
        board.accept(mine);
        board.accept(mine);
        board.accept(report("w2", 1_100, 5, 0, 3));

        AdaptiveBudget.Signals signals = board.take("e", 1_200);

        assertThat(signals.calls()).isEqualTo(15);
        assertThat(signals.congested()).isEqualTo(2);
        assertThat(signals.running()).isEqualTo(7);
        assertThat(board.take("e", 1_200).calls()).as("taken once").isZero();
        assertThat(board.liveWorkers(1_200)).containsExactly("w1", "w2");
        assertThat(board.liveWorkers(1_000 + CapacityBoard.LIVE_MILLIS + 50)).containsExactly("w2");
    }

    @Test
    void interactiveLoadIsEachReplicasLatestAndAStaleBudgetIsIgnored() {
        board.accept(new InteractiveReport("g1", 1_000, List.of(new InteractiveReport.EndpointLoad("e", 2, 5, 9))));
        board.accept(new InteractiveReport("g2", 1_000, List.of(new InteractiveReport.EndpointLoad("e", 3, 3, 1))));
        board.accept(new BudgetReport("leader", 1_000, List.of(new BudgetReport.EndpointBudget("e", 4,
                Map.of("w1", 4), "interactive_load"))));

        assertThat(board.take("e", 1_500).interactive()).isEqualTo(8);
        assertThat(board.partsOf("w1", 1_500, 10_000)).contains(Map.of("e", 4));
        assertThat(board.partsOf("w9", 1_500, 10_000)).contains(Map.of("e", 0));
        assertThat(board.partsOf("w1", 20_000, 10_000)).isEmpty();
    }

    @Test
    void theGatesFollowTheLatestBudgetHowEverLateAnOlderOneArrivesAndTheirCapWhenThereIsNone() {
        Endpoints endpoints = new Endpoints((cluster, framework, model) -> Optional.of(ENDPOINT), 32,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)));
        EndpointGate gate = endpoints.find("c", "f", "m").orElseThrow().gate();
        board.accept(budget(2_000, 4));
        board.accept(budget(1_000, 20));

        assertThat(board.applyParts("w1", 2_100, 10_000, endpoints)).isTrue();
        assertThat(gate.limit()).isEqualTo(4);
        assertThat(board.applyParts("w1", 30_000, 10_000, endpoints)).as("the scheduler fell silent").isFalse();
        assertThat(gate.limit()).isEqualTo(32);
    }

    @Test
    void aBudgetThatMakesRoomForInteractiveRequestsCutsTheCallsBeyondThoseThisWorkerMayKeep() {
        Endpoints endpoints = new Endpoints((cluster, framework, model) -> Optional.of(ENDPOINT), 32,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)));
        EndpointGate gate = endpoints.find("c", "f", "m").orElseThrow().gate();
        List<String> cut = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int call = i;
            gate.calling(() -> cut.add("call " + call));
        }
        board.accept(budget(1_000, 4));
        board.applyParts("w1", 1_100, 10_000, endpoints);
        assertThat(cut).as("a lower part alone lets calls end").isEmpty();

        board.accept(new BudgetReport("leader", 2_000, List.of(new BudgetReport.EndpointBudget(ENDPOINT.endpointSlug(),
                1, Map.of("w1", 1, "w2", 0), "interactive_load", Map.of("w1", 2, "w2", 1)))));
        board.applyParts("w1", 2_100, 10_000, endpoints);

        assertThat(gate.limit()).isEqualTo(1);
        assertThat(cut).containsExactly("call 4", "call 3", "call 2");
    }

    @Test
    void theLeaderWaitingForItsNextTickWakesWhenAGatewayReports() throws Exception {
        long seen = board.interactiveReports();
        CompletableFuture<Void> waited = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                board.awaitInteractiveReport(seen, 60_000);
                waited.complete(null);
            } catch (InterruptedException e) {
                waited.completeExceptionally(e);
            }
        });

        board.accept(new InteractiveReport("g1", 1_000, List.of(new InteractiveReport.EndpointLoad("e", 9, 9, 9))));

        waited.get(10, TimeUnit.SECONDS); // long before its minute is up
        assertThat(board.interactiveReports()).isEqualTo(seen + 1);
        board.accept(report("w1", 1_000, 1, 0, 1));
        assertThat(board.interactiveReports()).as("a worker's report does not count").isEqualTo(seen + 1);
    }

    private static BudgetReport budget(long atMillis, int part) {
        return new BudgetReport("leader", atMillis, List.of(new BudgetReport.EndpointBudget(ENDPOINT.endpointSlug(),
                part, Map.of("w1", part), null)));
    }

    private static final BaseEndpoint ENDPOINT = new BaseEndpoint(new EndpointDefinition(1, "c-f-m", "c", "f", "m",
            "none", List.of(), List.of(), 0, 0, Json.object())) {
        @Override
        public SubmitTaskResponse submitTask(TaskRequest data) {
            throw new UnsupportedOperationException("never called");
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            throw new UnsupportedOperationException("never called");
        }
    };
}
