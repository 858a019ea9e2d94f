package io.inferencegateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.adaptors.TestDefinitions;
import io.inferencegateway.adaptors.openai.OpenAICompatibleEndpoint;
import io.inferencegateway.adaptors.statusurl.StatusUrlCluster;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in adaptors as an operator meets them: named in fixtures, with {@code ${VAR}} placeholders. */
class BuiltInAdaptorsRegistryTest {

    private static final String ENDPOINTS_FILE = "fixtures/endpoints.json";

    @Test
    void fixturesNamingTheBuiltInsBuildWithPlaceholdersForNumbers() {
        Definitions definitions = definitions("""
                {"api_url": "${VLLM_URL}", "api_request_timeout": "${VLLM_TIMEOUT:-300}"}""");
        ConfigInterpolator environment = new ConfigInterpolator(Map.of("VLLM_URL", "http://gpu01:8000/v1")::get);

        try (AdaptorRegistry registry = AdaptorRegistry.build(definitions, AdaptorClasses.ofContext(), environment)) {
            assertThat(registry.cluster("metis")).get().isInstanceOf(StatusUrlCluster.class);
            assertThat(registry.endpoint("metis", "api", "test-model")).get()
                    .isInstanceOf(OpenAICompatibleEndpoint.class);
        }
    }

    @Test
    void anUnusableConfigNamesTheFileEntryAndField() {
        Definitions definitions = definitions("{\"api_url\": \"not a url\"}");

        assertThatThrownBy(() -> AdaptorRegistry.build(definitions, AdaptorClasses.ofContext(),
                new ConfigInterpolator(Map.<String, String>of()::get)))
                .isInstanceOf(FixtureException.class)
                .hasMessageStartingWith(ENDPOINTS_FILE + ", entry 1 (pk 1), field \"config.api_url\": ");
    }

    private static Definitions definitions(String endpointConfig) {
        ClusterDefinition cluster = TestDefinitions.cluster(List.of("api"),
                TestDefinitions.config("{\"status_url\": \"http://metis.example.org/status\"}"));
        EndpointDefinition endpoint = TestDefinitions.endpoint(TestDefinitions.config(endpointConfig));
        return new Definitions(List.of(cluster), List.of(endpoint),
                Map.of("metis", new FixtureSource("fixtures/clusters.json", 1, 1)),
                Map.of(endpoint.endpointSlug(), new FixtureSource(ENDPOINTS_FILE, 1, 1)));
    }
}
