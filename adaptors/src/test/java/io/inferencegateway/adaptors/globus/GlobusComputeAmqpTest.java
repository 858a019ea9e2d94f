package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.embedded.EmbeddedAmqpBroker;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.testsupport.globus.FakeTask;
import io.inferencegateway.testsupport.globus.Reply;
import io.inferencegateway.testsupport.globus.Results;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.inferencegateway.spi.AdaptorMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Results pushed over AMQP 0-9-1 from a real broker (Qpid Broker-J, embedded), in the service's message format:
 * tasks are submitted with {@code create_queue: true} into one task group, the task group's queue is read, and the
 * results are never polled for; with the broker unreachable, polling takes over.
 */
class GlobusComputeAmqpTest {

    private static EmbeddedAmqpBroker broker;

    private final Harness harness = new Harness();
    private final FakeGlobusCompute fake = harness.fake;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedAmqpBroker.start("compute", "results-secret");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private GlobusComputeEndpoint endpoint() {
        harness.environment.put("GATEWAY_GLOBUS_COMPUTE_RESULTS", "amqp");
        return harness.endpoint("");
    }

    private ResultStreams streams() {
        return GlobusComputeRuntime.of(harness.context()).resultStreams();
    }

    private int restStatusCalls() {
        return fake.received("POST", "/v2/batch_status").size() + fake.received("GET", "/v2/tasks/").size();
    }

    /** Whether any status call asked about one of these tasks. */
    private boolean polledFor(List<String> taskIds) {
        return fake.received().stream()
                .filter(r -> r.path().startsWith("/v2/batch_status") || r.path().startsWith("/v2/tasks/"))
                .anyMatch(r -> taskIds.stream().anyMatch(id -> r.path().contains(id) || r.body().contains(id)));
    }

    @Test
    void resultsArriveOverTheTaskGroupsQueueAndAreNeverPolled() {
        fake.deliverResultsThrough(broker.url(), broker.url());
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(GlobusComputeEndpointTest.CHAT))
                .runningFor(Duration.ofMillis(100)));
        GlobusComputeEndpoint endpoint = endpoint();
        assertThat(endpoint.submitTask(GlobusComputeEndpointTest.chat("first")).result())
                .isEqualTo(GlobusComputeEndpointTest.CHAT);
        await().atMost(Duration.ofSeconds(20)).until(() -> streams().pushing(GlobusComputeEndpointTest.client()));

        SubmitTaskResponse second = endpoint.submitTask(GlobusComputeEndpointTest.chat("second"));

        assertThat(second.errorMessage()).isNull();
        assertThat(second.result()).isEqualTo(GlobusComputeEndpointTest.CHAT);
        // The first task may be polled while the queue's reader connects; the second never is.
        assertThat(polledFor(List.of(second.taskId()))).isFalse();
        assertThat(fake.resultReads(second.taskId())).isZero();
        assertThat(fake.resultsPublished()).isEqualTo(2);
        var submits = fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit");
        assertThat(Json.read(submits.get(0).body()).get("create_queue").asBoolean()).isTrue();
        assertThat(Json.read(submits.get(0).body()).has("task_group_id")).isFalse();
        // One task group per client, so one queue: later submits name it.
        String group = Json.read(submits.get(1).body()).path("task_group_id").asText();
        assertThat(group).isNotBlank();
        assertThat(fake.received("GET", "/v2/get_amqp_result_connection_url")).hasSize(1);
        assertThat(fake.protocolErrors()).isEmpty();
    }

    @Test
    void aFailureOverTheQueueIsToldAsAnyRemoteFailure() {
        fake.deliverResultsThrough(broker.url(), broker.url());
        fake.onSubmit(Harness.FUNCTION, task -> Reply.failure(RemoteFailureTest.CONTEXT_LENGTH_TRACEBACK)
                .runningFor(Duration.ofMillis(50)));
        SubmitTaskResponse answer = endpoint().submitTask(GlobusComputeEndpointTest.chat("too long"));
        assertThat(answer.errorCode()).isEqualTo(400);
        assertThat(answer.errorMessage()).isEqualTo(RemoteFailureTest.CONTEXT_LENGTH_MESSAGE);
    }

    @Test
    void manyConcurrentCallsShareOneSubmitAndOneQueue() throws Exception {
        fake.deliverResultsThrough(broker.url(), broker.url());
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(GlobusComputeEndpointTest.CHAT))
                .runningFor(Duration.ofMillis(200)));
        GlobusComputeEndpoint endpoint = endpoint();
        endpoint.submitTask(GlobusComputeEndpointTest.chat("warm up"));
        await().atMost(Duration.ofSeconds(20)).until(() -> streams().pushing(GlobusComputeEndpointTest.client()));
        int submitsBefore = fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit").size();

        List<SubmitTaskResponse> answers = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            threads.add(Thread.ofVirtual().start(() ->
                    answers.add(endpoint.submitTask(GlobusComputeEndpointTest.chat("hi")))));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(answers).hasSize(32).allSatisfy(answer ->
                assertThat(answer.result()).isEqualTo(GlobusComputeEndpointTest.CHAT));
        int submits = fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit").size() - submitsBefore;
        assertThat(submits).isBetween(1, 4);
        assertThat(polledFor(answers.stream().map(SubmitTaskResponse::taskId).toList())).isFalse();
    }

    /** The fake hands out a broker address where nothing listens. */
    private GlobusComputeEndpoint endpointWithTheBrokerUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        fake.deliverResultsThrough(broker.url(), "amqp://compute:results-secret@127.0.0.1:" + closedPort);
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(GlobusComputeEndpointTest.CHAT)));
        return endpoint();
    }

    @Test
    void withTheBrokerUnreachableResultsArePolled() throws Exception {
        GlobusComputeEndpoint endpoint = endpointWithTheBrokerUnreachable();

        SubmitTaskResponse answer = endpoint.submitTask(GlobusComputeEndpointTest.chat("hi"));

        assertThat(answer.result()).isEqualTo(GlobusComputeEndpointTest.CHAT);
        assertThat(restStatusCalls()).isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> streams().failures() > 0);
        assertThat(streams().pushing(GlobusComputeEndpointTest.client())).isFalse();
    }

    /** The streams' failures and state reach the host's metrics, where an operator sees them. */
    @Test
    void theHostsMetricsCountTheStreamFailuresAndTheStreamsUp() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics();
        harness.context(metrics);
        GlobusComputeEndpoint endpoint = endpointWithTheBrokerUnreachable();
        endpoint.submitTask(GlobusComputeEndpointTest.chat("polled"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> metrics.counters.get("globus_compute_result_stream_failures_total").getAsLong() > 0);
        assertThat(metrics.gauges.get("globus_compute_result_streams_consuming").getAsDouble()).isZero();
        assertThat(metrics.counters).containsKey("globus_compute_submit_failures_total");

        fake.handOutAmqpUrl(broker.url());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metrics.gauges.get("globus_compute_result_streams_consuming").getAsDouble() == 1);
    }

    /** What a host's metrics would read: the suppliers an adaptor registers, by name. */
    static final class RecordedMetrics implements AdaptorMetrics {
        final Map<String, LongSupplier> counters = new ConcurrentHashMap<>();
        final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

        @Override
        public void counter(String name, String description, LongSupplier count) {
            counters.put(name, count);
        }

        @Override
        public void gauge(String name, String description, DoubleSupplier value) {
            gauges.put(name, value);
        }
    }

    @Test
    void theStreamComesBackWhenTheBrokerBecomesReachable() throws Exception {
        GlobusComputeEndpoint endpoint = endpointWithTheBrokerUnreachable();
        endpoint.submitTask(GlobusComputeEndpointTest.chat("polled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> streams().failures() > 0);

        fake.handOutAmqpUrl(broker.url()); // the next attempt gets credentials that work
        await().atMost(Duration.ofSeconds(30)).until(() -> streams().pushing(GlobusComputeEndpointTest.client()));
        SubmitTaskResponse pushed = endpoint.submitTask(GlobusComputeEndpointTest.chat("pushed"));
        assertThat(pushed.result()).isEqualTo(GlobusComputeEndpointTest.CHAT);
        assertThat(polledFor(List.of(pushed.taskId()))).isFalse();
    }

    @Test
    void aMessageIsReadAsTheServicesMessagepackResult() {
        byte[] ok = ("\u0001{\"message_type\":\"result\",\"data\":{\"task_id\":\"t-1\",\"data\":\"11\\n42\","
                + "\"details\":{},\"error_details\":null,\"task_statuses\":[]}}").getBytes(StandardCharsets.UTF_8);
        assertThat(ResultStream.read(ok)).contains(new TaskReport("t-1", "success", "11\n42", null));
        byte[] failed = ("\u0001{\"message_type\":\"result\",\"data\":{\"task_id\":\"t-2\",\"data\":\"Traceback\","
                + "\"error_details\":{\"code\":\"X\",\"user_message\":\"m\"}}}").getBytes(StandardCharsets.UTF_8);
        assertThat(ResultStream.read(failed)).contains(new TaskReport("t-2", "failed", null, "Traceback"));
        assertThat(ResultStream.read("{\"message_type\":\"result\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ResultStream.read("\u0001{\"message_type\":\"task\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ResultStream.read(new byte[] {1, '{'})).isEmpty();
    }

    @Test
    void amqpsVerifiesTheServersCertificateAndName() throws Exception {
        var factory = ResultStream.factory("amqps://u%40x:p%3Aw@compute.amqps.globus.org", Optional.of(443));
        assertThat(factory.isSSL()).isTrue();
        assertThat(factory.getPort()).isEqualTo(443);
        assertThat(factory.getUsername()).isEqualTo("u@x");
        assertThat(factory.getPassword()).isEqualTo("p:w");
        assertThat(ResultStream.factory("amqps://u:p@h", Optional.empty()).getPort()).isEqualTo(5671);
    }
}
