package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.HostContext;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fake Globus services and a context whose environment points the adaptors at them. */
final class Harness implements AutoCloseable {

    static final String CLIENT_ID = "11111111-aaaa-bbbb-cccc-000000000001";
    static final String CLIENT_SECRET = "s3cret";
    static final String ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String FUNCTION = "ffffffff-0000-0000-0000-000000000001";
    static final String BATCH_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000002";
    static final String BATCH_FUNCTION = "ffffffff-0000-0000-0000-000000000002";
    static final String QSTAT_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000003";
    static final String QSTAT_FUNCTION = "ffffffff-0000-0000-0000-000000000003";

    /** Globus Compute's own limit (calls 512 ms apart): the tests about the limit keep it. */
    static final int REAL_CALLS = 20;
    static final Duration REAL_WINDOW = Duration.ofSeconds(10);
    /**
     * A limit the tests that are not about it use (calls 12.5 ms apart, so that the 20 ms polls below are not
     * stretched to the real limit's floor of a second): the fake enforces whichever limit the adaptor is given.
     */
    static final int FAST_CALLS = 100;
    static final Duration FAST_WINDOW = Duration.ofSeconds(1);

    final FakeGlobusCompute fake = FakeGlobusCompute.start();
    final Map<String, String> environment = new HashMap<>();
    private HostContext context;

    /** The fake services and an adaptor's environment, with the fast limit. */
    Harness() {
        this(FAST_CALLS, FAST_WINDOW);
    }

    /** With Globus Compute's real limit of 20 calls per 10 s, for the tests about the limit. */
    static Harness withRealLimit() {
        return new Harness(REAL_CALLS, REAL_WINDOW);
    }

    private Harness(int calls, Duration window) {
        fake.enforceRateLimit(calls, window);
        environment.put("GATEWAY_GLOBUS_COMPUTE_RATE_LIMIT", calls + "/" + window.toSeconds());
        fake.addClient(CLIENT_ID, CLIENT_SECRET);
        fake.endpoint(ENDPOINT, "online", 1);
        fake.endpoint(BATCH_ENDPOINT, "online", 0);
        fake.endpoint(QSTAT_ENDPOINT, "online", 1);
        environment.put("GATEWAY_GLOBUS_COMPUTE_API_URL", fake.url());
        environment.put("GATEWAY_GLOBUS_COMPUTE_AUTH_URL", fake.url());
        environment.put("GATEWAY_GLOBUS_COMPUTE_CLIENT_ID", CLIENT_ID);
        environment.put("GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET", CLIENT_SECRET);
        environment.put("GATEWAY_GLOBUS_COMPUTE_POLL_INTERVAL_MS", "20");
        // Results over AMQP have their own tests (GlobusComputeAmqpTest); these read them by polling.
        environment.put("GATEWAY_GLOBUS_COMPUTE_RESULTS", "polling");
    }

    HostContext context(Object... services) {
        if (context == null) {
            context = new HostContext(environment::get, List.of(services));
        }
        return context;
    }

    GlobusComputeEndpoint endpoint(String extraConfig, Object... services) {
        ObjectNode config = (ObjectNode) Json.read("{\"endpoint_uuid\": \"" + ENDPOINT + "\", \"function_uuid\": \""
                + FUNCTION + "\", \"api_port\": 8000, \"batch_endpoint_uuid\": \"" + BATCH_ENDPOINT
                + "\", \"batch_function_uuid\": \"" + BATCH_FUNCTION + "\"" + extraConfig + "}");
        return new GlobusComputeEndpoint(new EndpointDefinition(1, "sophia-vllm-llama", "sophia", "vllm",
                "meta-llama/Llama-3.1-8B-Instruct", GlobusComputeEndpoint.class.getName(), List.of(), List.of(),
                0, 0, config), context(services));
    }

    GlobusComputeCluster cluster() {
        ObjectNode config = (ObjectNode) Json.read("{\"qstat_endpoint_uuid\": \"" + QSTAT_ENDPOINT
                + "\", \"qstat_function_uuid\": \"" + QSTAT_FUNCTION + "\"}");
        return new GlobusComputeCluster(new ClusterDefinition(1, "sophia", GlobusComputeCluster.class.getName(),
                List.of("vllm"), List.of("chat/completions"), List.of(), List.of(), config), context());
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
        fake.close();
    }
}
