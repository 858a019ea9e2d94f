package io.inferencegateway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the fixtures the benchmark's gateway loads: one cluster whose models are OpenAI-compatible endpoints
 * pointing at the standalone simulated backends, with no token limits (they would throttle the load).
 */
final class BenchFixtures {

    private BenchFixtures() {
    }

    /**
     * @param directory   where {@code clusters.json} and {@code endpoints.json} are written
     * @param backendUrls model name to the base URL of its backend, ending in {@code /v1}
     */
    static Path write(Path directory, Map<String, String> backendUrls) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve("clusters.json"), Json.writeBytes(clusters(backendUrls)));
            Files.write(directory.resolve("endpoints.json"), Json.writeBytes(endpoints(backendUrls)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the benchmark's fixtures to " + directory, e);
        }
    }

    private static ArrayNode clusters(Map<String, String> backendUrls) {
        ArrayNode clusters = Json.MAPPER.createArrayNode();
        ObjectNode fields = entry(clusters, "resource_server_async.cluster", 1);
        fields.put("cluster_name", BenchModels.CLUSTER);
        fields.put("cluster_adapter", "io.inferencegateway.adaptors.simulated.SimulatedCluster");
        fields.putArray("frameworks").add(BenchModels.FRAMEWORK);
        fields.putArray("openai_endpoints").add("chat/completions").add("completions");
        ObjectNode models = fields.putObject("config").putObject("models");
        backendUrls.keySet().forEach(model -> models.put(model, "running"));
        return clusters;
    }

    private static ArrayNode endpoints(Map<String, String> backendUrls) {
        ArrayNode endpoints = Json.MAPPER.createArrayNode();
        int pk = 1;
        for (Map.Entry<String, String> backend : backendUrls.entrySet()) {
            ObjectNode fields = entry(endpoints, "resource_server_async.endpoint", pk++);
            fields.put("cluster", BenchModels.CLUSTER);
            fields.put("framework", BenchModels.FRAMEWORK);
            fields.put("model", backend.getKey());
            fields.put("endpoint_adapter", "io.inferencegateway.adaptors.openai.OpenAICompatibleEndpoint");
            fields.put("tpm_model", 0);
            fields.put("tpm_user", 0);
            ObjectNode config = fields.putObject("config").put("api_url", backend.getValue())
                    .put("api_request_timeout", 120);
            if (backend.getKey().equals(SchedulingPlan.MODEL)) {
                // The scheduling benchmark's model has slots and tells its load (vLLM's metrics), so the scheduler
                // keeps batch lines from queueing there; the throughput rows' backends have no slots, and the
                // scheduler learns from their calls alone, as for any server without metrics.
                config.put("metrics_url", backend.getValue().replaceFirst("/v1/?$", "") + "/metrics");
            }
        }
        return endpoints;
    }

    private static ObjectNode entry(ArrayNode array, String kind, int pk) {
        ObjectNode entry = array.addObject();
        entry.put("model", kind);
        entry.put("pk", pk);
        return entry.putObject("fields");
    }
}
