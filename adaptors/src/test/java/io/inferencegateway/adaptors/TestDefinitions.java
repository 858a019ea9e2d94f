package io.inferencegateway.adaptors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.util.List;

/** Fixture entries for adaptor tests, as the registry would build them. */
public final class TestDefinitions {

    private TestDefinitions() {
    }

    /** Parses a JSON object written in a test. */
    public static ObjectNode config(String json) {
        return (ObjectNode) Json.read(json);
    }

    /** Model {@code test-model} with framework {@code api} on cluster {@code metis}. */
    public static EndpointDefinition endpoint(ObjectNode config) {
        return new EndpointDefinition(1, "metis-api-test-model", "metis", "api", "test-model",
                "io.inferencegateway.adaptors.openai.OpenAICompatibleEndpoint", List.of(), List.of(), 0, 0, config);
    }

    /** A cluster named {@code metis}, the one {@link #endpoint} belongs to. */
    public static ClusterDefinition cluster(List<String> frameworks, ObjectNode config) {
        return new ClusterDefinition(1, "metis", "io.inferencegateway.adaptors.statusurl.StatusUrlCluster",
                frameworks, List.of("chat/completions"), List.of(), List.of(), config);
    }
}
