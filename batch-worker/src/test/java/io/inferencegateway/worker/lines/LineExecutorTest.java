package io.inferencegateway.worker.lines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.LineRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries, error lines and outages, against an endpoint that answers from a script. */
@Timeout(60)
class LineExecutorTest {

    static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20));

    @Test
    void rateLimitsAndServerErrorsAreRetriedUntilTheAttemptsRunOut() {
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> SubmitTaskResponse.error(429, "slow down"));
        LineRecord line = new LineExecutor(3, FAST, new WorkerMetrics())
                .execute(task(), endpoint, new EndpointGate("e", 4, FAST)).orElseThrow();

        assertThat(endpoint.calls.get()).isEqualTo(3);
        assertThat(line.status()).isEqualTo("failed");
        assertThat(line.responseStatus()).isEqualTo(429);
        assertThat(line.errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(Json.read(line.responseBody()).path("error").path("message").asText()).isEqualTo("slow down");
    }

    @Test
    void aBodyAnInteractiveCallWouldRefuseBecomesItsErrorLineWithoutACall() {
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> SubmitTaskResponse.ok("{}", "t"));
        LineRecord line = new LineExecutor(5, FAST, new WorkerMetrics()).execute(
                task("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"temperature\":\"hot\"}"), endpoint, new EndpointGate("e", 4, FAST)).orElseThrow();

        assertThat(endpoint.calls.get()).isZero();
        assertThat(line.status()).isEqualTo("failed");
        assertThat(line.responseStatus()).isEqualTo(400);
        assertThat(line.errorCode()).isEqualTo("invalid_type");
        assertThat(line.errorMessage()).isEqualTo(
                "Invalid type for 'temperature': expected a number, but got a string instead.");
        var error = Json.read(line.responseBody()).path("error");
        assertThat(error.path("message").asText()).isEqualTo(line.errorMessage());
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("temperature");
        assertThat(error.path("code").asText()).isEqualTo("invalid_type");
    }

    @Test
    void aClientErrorIsNotRetried() {
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> SubmitTaskResponse.error(400, "bad"));
        LineRecord line = new LineExecutor(5, FAST, new WorkerMetrics())
                .execute(task(), endpoint, new EndpointGate("e", 4, FAST)).orElseThrow();

        assertThat(endpoint.calls.get()).isEqualTo(1);
        assertThat(line.errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void aTimeoutBecomesARequestTimeoutErrorWithoutResponse() {
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> SubmitTaskResponse.error(504, "took too long"));
        LineRecord line = new LineExecutor(2, FAST, new WorkerMetrics())
                .execute(task(), endpoint, new EndpointGate("e", 4, FAST)).orElseThrow();

        assertThat(endpoint.calls.get()).isEqualTo(2);
        assertThat(line.errorCode()).isEqualTo("request_timeout");
        assertThat(line.responseStatus()).isNull();
        assertThat(line.responseBody()).isNull();
    }

    @Test
    void anOutageDelaysLinesInsteadOfUsingUpTheirAttempts() {
        // Down for the first 12 calls, then up: with 2 attempts per line, only the outage rule lets the line through.
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> call <= 12
                ? SubmitTaskResponse.error(503, "connection refused")
                : SubmitTaskResponse.ok("{\"object\":\"chat.completion\",\"usage\":{\"prompt_tokens\":3,"
                        + "\"completion_tokens\":4,\"total_tokens\":7}}", "task-9"));
        EndpointGate gate = new EndpointGate("e", 4, FAST);
        ConcurrentLinkedQueue<Boolean> downSeen = new ConcurrentLinkedQueue<>();
        endpoint.onCall = () -> downSeen.add(gate.isDown());

        LineRecord line = new LineExecutor(2, FAST, new WorkerMetrics()).execute(task(), endpoint, gate).orElseThrow();

        assertThat(endpoint.calls.get()).isEqualTo(13);
        assertThat(line.status()).isEqualTo("completed");
        assertThat(line.requestId()).isEqualTo("task-9");
        assertThat(List.of(line.promptTokens(), line.completionTokens())).containsExactly(3, 4);
        assertThat(downSeen).as("later calls were probes of a down endpoint").contains(true);
        assertThat(gate.isDown()).isFalse();
        assertThat(gate.tryStart()).as("an endpoint back up takes new lines").isTrue();
    }

    @Test
    void aLineToldToStopWhileItWaitsOutAnOutageEndsWithItsStopRecordAndCallsNoMore() throws Exception {
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> SubmitTaskResponse.error(503, "connection refused"));
        // Probes only every 30 s: the line gives up long before its next call would be due.
        EndpointGate gate = new EndpointGate("e", 4, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        LineRecord cancelled = LineResults.notRun("batch-1", "req-1", "batch_cancelled", "cancelled");
        SteeredLine control = new SteeredLine();
        CompletableFuture<LineRecord> line = CompletableFuture.supplyAsync(() -> new LineExecutor(2, FAST,
                new WorkerMetrics()).execute(task(), endpoint, gate, control).orElseThrow());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(gate::isDown);
        int callsBeforeStop = endpoint.calls.get();
        assertThat(control.betweenCalls).as("the lane may ask about this line now").isTrue();

        control.stop = cancelled;

        assertThat(line.get(5, TimeUnit.SECONDS)).isSameAs(cancelled);
        assertThat(endpoint.calls.get()).as("no call after the stop").isEqualTo(callsBeforeStop);
    }

    /**
     * A line that took its slot while the endpoint was up, and found it down before its first call (other lines'
     * calls took it down), waits for it as a line between calls does: its lane may ask about it, and stop it. It
     * once waited unasked until its turn to probe, up to the longest probe delay, and held up its batch's cancel.
     */
    @Test
    void aLineThatFindsItsEndpointDownBeforeItsFirstCallCanBeStoppedWhileItWaits() throws Exception {
        ScriptedEndpoint endpoint = new ScriptedEndpoint(call -> SubmitTaskResponse.error(503, "connection refused"));
        EndpointGate gate = new EndpointGate("e", 4, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertThat(gate.tryStart()).as("the line's slot, taken by its lane while the endpoint is up").isTrue();
        for (int i = 0; i < EndpointGate.DOWN_THRESHOLD; i++) {
            gate.unreachable(); // the answers other lines got meanwhile
        }
        LineRecord cancelled = LineResults.notRun("batch-1", "req-1", "batch_cancelled", "cancelled");
        SteeredLine control = new SteeredLine();
        // A thread of its own, not the common pool's: a line that never stops must not hold up the other tests.
        CompletableFuture<LineRecord> line = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> line.complete(new LineExecutor(2, FAST, new WorkerMetrics())
                .execute(task(), endpoint, gate, control).orElseThrow()));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> control.betweenCalls);
        control.stop = cancelled;

        assertThat(line.get(5, TimeUnit.SECONDS)).isSameAs(cancelled);
        assertThat(endpoint.calls.get()).as("no call: the endpoint was down all along").isZero();
    }

    @Test
    void aCallCutShortForInteractiveRequestsIsAbortedAndEndsWithoutAResultOrAnAttempt() throws Exception {
        HeldAsyncEndpoint endpoint = new HeldAsyncEndpoint();
        EndpointGate gate = new EndpointGate("e", 4, FAST);
        WorkerMetrics metrics = new WorkerMetrics();
        SteeredLine control = new SteeredLine();
        CompletableFuture<Optional<LineRecord>> line = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> line.complete(new LineExecutor(2, FAST, metrics)
                .execute(task(), endpoint, gate, control)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.callsUnderWay() == 1);

        assertThat(gate.cutCallsTo(0)).as("calls cut short").isEqualTo(1);

        assertThat(line.get(5, TimeUnit.SECONDS)).as("no result: the line runs again later").isEmpty();
        assertThat(control.preempted).isTrue();
        assertThat(endpoint.calls.peek()).as("the request was aborted").isCancelled();
        assertThat(metrics.registry().find("batch_worker_preempted_calls_total").counter().count()).isEqualTo(1);
        assertThat(gate.stats().drain("e", 0, false).calls()).as("no call counted for the budget").isZero();
    }

    @Test
    void anAdaptorThatCancelsItsOwnCallHasFailedAndTheLineIsNotSentBackToWait() throws Exception {
        HeldAsyncEndpoint endpoint = new HeldAsyncEndpoint();
        EndpointGate gate = new EndpointGate("e", 4, FAST);
        SteeredLine control = new SteeredLine();
        CompletableFuture<Optional<LineRecord>> line = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> line.complete(new LineExecutor(1, FAST, new WorkerMetrics())
                .execute(task(), endpoint, gate, control)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.callsUnderWay() == 1);

        endpoint.calls.peek().cancel(true);

        assertThat(line.get(5, TimeUnit.SECONDS)).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo("failed");
            assertThat(record.responseStatus()).isEqualTo(502);
        });
        assertThat(control.preempted).isFalse();
    }

    @Test
    void onlyTheNewestCallsBeyondThoseToKeepAreCutShort() throws Exception {
        HeldAsyncEndpoint endpoint = new HeldAsyncEndpoint();
        EndpointGate gate = new EndpointGate("e", 4, FAST);
        LineExecutor executor = new LineExecutor(2, FAST, new WorkerMetrics());
        List<CompletableFuture<Optional<LineRecord>>> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            CompletableFuture<Optional<LineRecord>> line = new CompletableFuture<>();
            lines.add(line);
            Thread.ofVirtual().start(() -> line.complete(executor.execute(task(), endpoint, gate, new SteeredLine())));
            int started = i;
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.callsUnderWay() == started);
        }
        List<CompletableFuture<SubmitTaskResponse>> calls = List.copyOf(endpoint.calls);

        gate.follow(1);
        assertThat(calls).as("a lower part alone lets calls end").noneMatch(CompletableFuture::isDone);

        assertThat(gate.cutCallsTo(1)).isEqualTo(2);
        assertThat(calls.get(0)).as("the oldest call runs on").isNotDone();
        assertThat(calls.get(1)).isCancelled();
        assertThat(calls.get(2)).isCancelled();

        calls.get(0).complete(SubmitTaskResponse.ok("{\"usage\":{\"completion_tokens\":2}}", "task-1"));
        assertThat(lines.get(0).get(5, TimeUnit.SECONDS)).hasValueSatisfying(
                record -> assertThat(record.status()).isEqualTo("completed"));
        assertThat(gate.cutCallsTo(0)).as("ended calls are not cut again").isZero();
    }

    @Test
    void aDownEndpointWithNoLineRunningAdmitsOneToProbeIt() {
        EndpointGate gate = new EndpointGate("e", 2, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertThat(gate.tryStart()).isTrue();
        for (int i = 0; i < EndpointGate.DOWN_THRESHOLD; i++) {
            gate.unreachable();
        }
        assertThat(gate.tryStart()).as("down, and a line of it is still there to probe").isFalse();

        // That line gave up (its batch was cancelled): someone must still find out when the endpoint is back.
        gate.release();

        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).as("one prober is enough").isFalse();
    }

    @Test
    void newLinesWaitWhileTheEndpointIsDownAndTheirLanesWakeWhenItIsBack() {
        EndpointGate gate = new EndpointGate("e", 4, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertThat(gate.tryStart()).as("the line that will find the endpoint down and probe it").isTrue();
        for (int i = 0; i < EndpointGate.DOWN_THRESHOLD; i++) {
            gate.unreachable();
        }
        assertThat(gate.isDown()).isTrue();
        assertThat(gate.tryStart()).isFalse();
        AtomicInteger woken = new AtomicInteger();
        gate.notifyWhenFree(woken::incrementAndGet);
        assertThat(woken).hasValue(0);

        gate.answered();

        assertThat(woken).hasValue(1);
        assertThat(gate.tryStart()).isTrue();
    }

    private static LineTask task() {
        return task("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static LineTask task(String body) {
        return new LineTask("batch_1", "req-1", 1, "c", "f", "m", "/v1/chat/completions",
                (ObjectNode) Json.read(body));
    }

    /** Answers call n (from 1) with {@code script.apply(n)}. */
    static final class ScriptedEndpoint extends BaseEndpoint {
        final AtomicInteger calls = new AtomicInteger();
        final IntFunction<SubmitTaskResponse> script;
        volatile Runnable onCall = () -> { };

        ScriptedEndpoint(IntFunction<SubmitTaskResponse> script) {
            super(new EndpointDefinition(1, "c-f-m", "c", "f", "m", ScriptedEndpoint.class.getName(), List.of(),
                    List.of(), 0, 0, Json.object()));
            this.script = script;
        }

        @Override
        public SubmitTaskResponse submitTask(TaskRequest data) {
            onCall.run();
            return script.apply(calls.incrementAndGet());
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            return SubmitStreamingTaskResponse.error(501, "no");
        }
    }

    /** A lane's control of a running line, set by the test. */
    private static final class SteeredLine implements LineExecutor.Control {
        volatile LineRecord stop;
        volatile boolean betweenCalls;
        volatile boolean preempted;

        @Override
        public LineRecord stopWith() {
            return stop;
        }

        @Override
        public void betweenCalls() {
            betweenCalls = true;
        }

        @Override
        public void preempted() {
            preempted = true;
        }
    }

    /** An endpoint whose own asynchronous form answers when the test says: its calls can be cut short. */
    static final class HeldAsyncEndpoint extends BaseEndpoint {
        final ConcurrentLinkedQueue<CompletableFuture<SubmitTaskResponse>> calls = new ConcurrentLinkedQueue<>();

        HeldAsyncEndpoint() {
            super(new EndpointDefinition(1, "c-f-m", "c", "f", "m", HeldAsyncEndpoint.class.getName(), List.of(),
                    List.of(), 0, 0, Json.object()));
        }

        @Override
        public CompletableFuture<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
            CompletableFuture<SubmitTaskResponse> answer = new CompletableFuture<>();
            calls.add(answer);
            return answer;
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            return SubmitStreamingTaskResponse.error(501, "no");
        }
    }
}
