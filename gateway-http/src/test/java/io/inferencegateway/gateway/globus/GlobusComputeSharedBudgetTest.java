package io.inferencegateway.gateway.globus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.budget.PostgresCallBudget;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.HostContext;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import io.inferencegateway.adaptors.globus.GlobusComputeEndpoint;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.testsupport.globus.Reply;
import io.inferencegateway.testsupport.globus.Results;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: gateway-http and the batch worker each kept their own limiter for one Globus client, and in a mixed run
 * the service saw more than its limit and answered 429. Here two processes' adaptors (each its own context, its own
 * connection pool, its own poller) call as one client against a service that enforces its limit, sharing the
 * budget the hosts offer in PostgreSQL: together they stay within it.
 */
class GlobusComputeSharedBudgetTest {

    static final String CLIENT_ID = "11111111-aaaa-bbbb-cccc-000000000009";
    static final String ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000009";
    static final String FUNCTION = "ffffffff-0000-0000-0000-000000000009";
    static final Duration WINDOW = Duration.ofSeconds(2);
    static final int CALLS = 6;

    @Test
    void twoProcessesCallingAsOneClientStayTogetherWithinItsLimit() throws Exception {
        DatabaseSettings database = TestServers.freshDatabase();
        try (FakeGlobusCompute fake = FakeGlobusCompute.start();
             Database gatewayDb = Database.open(database, "gateway-http");
             Database workerDb = Database.open(database, "batch-worker")) {
            fake.addClient(CLIENT_ID, "secret");
            fake.endpoint(ENDPOINT, "online", 1);
            fake.onSubmit(FUNCTION, task -> Reply.result(Results.jsonText("{\"ok\": true}")));
            fake.enforceRateLimit(CALLS, WINDOW);
            Map<String, String> env = Map.of(
                    "GATEWAY_GLOBUS_COMPUTE_API_URL", fake.url(),
                    "GATEWAY_GLOBUS_COMPUTE_AUTH_URL", fake.url(),
                    "GATEWAY_GLOBUS_COMPUTE_CLIENT_ID", CLIENT_ID,
                    "GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET", "secret",
                    "GATEWAY_GLOBUS_COMPUTE_RESULTS", "polling",
                    "GATEWAY_GLOBUS_COMPUTE_RATE_LIMIT", CALLS + "/" + WINDOW.toSeconds());
            try (HostContext gateway = new HostContext(env::get, List.of(new PostgresCallBudget(gatewayDb.dataSource())));
                 HostContext worker = new HostContext(env::get, List.of(new PostgresCallBudget(workerDb.dataSource())))) {
                List<GlobusComputeEndpoint> processes = List.of(endpoint(gateway), endpoint(worker));
                List<SubmitTaskResponse> answers = new CopyOnWriteArrayList<>();
                List<Thread> callers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    GlobusComputeEndpoint endpoint = processes.get(i % 2);
                    callers.add(Thread.ofVirtual().start(() -> {
                        for (int call = 0; call < 3; call++) {
                            answers.add(endpoint.submitTask(new TaskRequest("chat/completions", (ObjectNode) Json.read(
                                    "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))));
                        }
                    }));
                }
                for (Thread caller : callers) {
                    caller.join();
                }

                assertThat(answers).hasSize(24).allSatisfy(answer -> assertThat(answer.errorMessage()).isNull());
                assertThat(fake.rateLimitedCount()).isZero();
                assertThat(fake.mostCallsWithin(WINDOW)).isLessThanOrEqualTo(CALLS);
                assertThat(fake.protocolErrors()).isEmpty();
            }
        }
    }

    private static GlobusComputeEndpoint endpoint(HostContext context) {
        ObjectNode config = (ObjectNode) Json.read("{\"endpoint_uuid\": \"" + ENDPOINT + "\", \"function_uuid\": \""
                + FUNCTION + "\", \"api_port\": 8000, \"task_timeout_seconds\": 120}");
        return new GlobusComputeEndpoint(new EndpointDefinition(9, "sophia-vllm-m", "sophia", "vllm", "m",
                GlobusComputeEndpoint.class.getName(), List.of(), List.of(), 0, 0, config), context);
    }
}
