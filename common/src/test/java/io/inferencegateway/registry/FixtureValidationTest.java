package io.inferencegateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad fixture is refused at load with a message naming the file, the entry and the field. */
class FixtureValidationTest {

    private static final String CLUSTER = """
            {"model": "resource_server_async.cluster", "pk": 1, "fields": {
              "cluster_name": "alpha", "cluster_adapter": "com.example.adaptors.FixedJobsCluster",
              "frameworks": ["vllm"], "openai_endpoints": ["chat/completions"]}}""";

    @TempDir
    Path dir;

    private Definitions load(String clusters, String endpoints) throws IOException {
        Files.writeString(dir.resolve("clusters.json"), clusters);
        Files.writeString(dir.resolve("endpoints.json"), endpoints);
        return new FixtureLoader(AdaptorClasses.ofContext()).load(dir);
    }

    private static String endpoint(int pk, String fields) {
        return "{\"model\": \"resource_server_async.endpoint\", \"pk\": " + pk + ", \"fields\": {" + fields + "}}";
    }

    private static String echo(int pk, String model) {
        return endpoint(pk, "\"cluster\": \"alpha\", \"framework\": \"vllm\", \"model\": \"" + model
                + "\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\"");
    }

    private void assertRefused(String clusters, String endpoints, String... messageParts) {
        assertThatThrownBy(() -> load(clusters, endpoints))
                .isInstanceOf(FixtureException.class)
                .message().contains(messageParts);
    }

    @Test
    void unknownClassIsNamed() {
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(7, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"model\": \"m\", \"endpoint_adapter\": \"com.example.Missing\"") + "]",
                "endpoints.json, entry 1 (pk 7)", "\"endpoint_adapter\"", "class com.example.Missing not found");
    }

    @Test
    void firstPythonAdaptorNamesGetAHint() {
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(7, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"model\": \"m\", \"endpoint_adapter\": "
                        + "\"resource_server_async.endpoints.globus_compute.GlobusComputeEndpoint\"") + "]",
                "name a Java class");
    }

    @Test
    void classOfTheWrongKindIsRefused() {
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(7, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"model\": \"m\", \"endpoint_adapter\": \"com.example.adaptors.FixedJobsCluster\"") + "]",
                "entry 1 (pk 7)", "\"endpoint_adapter\"", "is not a io.inferencegateway.spi.BaseEndpoint");
        assertRefused("[" + CLUSTER.replace("com.example.adaptors.FixedJobsCluster", "java.lang.String") + "]", "[]",
                "clusters.json, entry 1 (pk 1)", "\"cluster_adapter\"", "is not a io.inferencegateway.spi.BaseCluster");
    }

    @Test
    void abstractClassOrMissingConstructorIsRefused() {
        assertRefused("[" + CLUSTER.replace("com.example.adaptors.FixedJobsCluster",
                "io.inferencegateway.spi.BaseCluster") + "]", "[]", "must be public and not abstract");
    }

    @Test
    void missingFieldIsNamed() {
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(3, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\"") + "]",
                "endpoints.json, entry 1 (pk 3)", "field \"model\"", "missing");
        assertRefused("[" + CLUSTER.replace("\"frameworks\": [\"vllm\"], ", "") + "]", "[]",
                "clusters.json", "field \"frameworks\"", "missing");
    }

    @Test
    void illTypedFieldsAreNamed() {
        assertRefused("[" + CLUSTER.replace("[\"vllm\"]", "\"vllm\"") + "]", "[]",
                "field \"frameworks\"", "must be a list of strings, found string");
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(3, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"model\": \"m\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\", "
                        + "\"tpm_user\": \"many\"") + "]",
                "field \"tpm_user\"", "whole number");
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(3, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"model\": 42, \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\"") + "]",
                "field \"model\"", "must be a string, found number");
        assertRefused("[" + CLUSTER + "]", "[" + endpoint(3, "\"cluster\": \"alpha\", \"framework\": \"vllm\", "
                        + "\"model\": \"m\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\", "
                        + "\"config\": [1]") + "]",
                "field \"config\"", "must be a JSON object");
        assertRefused("[" + CLUSTER.replace("[\"vllm\"]", "[\"vllm\", 3]") + "]", "[]", "field \"frameworks[1]\"");
        assertRefused("[" + CLUSTER.replace("\"chat/completions\"", "\"/v1/chat/completions\"") + "]", "[]",
                "field \"openai_endpoints[0]\"", "must neither start nor end with '/'");
    }

    @Test
    void duplicateSlugIsRefused() {
        String first = endpoint(1, "\"endpoint_slug\": \"same\", \"cluster\": \"alpha\", \"framework\": \"vllm\", "
                + "\"model\": \"a\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\"");
        String second = endpoint(2, "\"endpoint_slug\": \"same\", \"cluster\": \"alpha\", \"framework\": \"vllm\", "
                + "\"model\": \"b\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\"");
        assertRefused("[" + CLUSTER + "]", "[" + first + "," + second + "]",
                "entry 2 (pk 2)", "field \"endpoint_slug\"", "duplicate slug 'same'", "entry 1 (pk 1)");
    }

    @Test
    void duplicateClusterAndPrimaryKeyAreRefused() {
        assertRefused("[" + CLUSTER + "," + CLUSTER.replace("\"pk\": 1", "\"pk\": 2") + "]", "[]",
                "entry 2 (pk 2)", "field \"cluster_name\"", "duplicate cluster 'alpha'");
        assertRefused("[" + CLUSTER + "]", "[" + echo(5, "a") + "," + echo(5, "b") + "]",
                "entry 2 (pk 5)", "field \"pk\"", "duplicate primary key 5");
    }

    @Test
    void sameModelTwiceOnOneFrameworkIsRefusedCaseInsensitively() {
        assertRefused("[" + CLUSTER + "]", "[" + echo(1, "Org/Model") + "," + echo(2, "org/model") + "]",
                "entry 2 (pk 2)", "field \"model\"", "already served");
    }

    @Test
    void unknownClusterIsRefused() {
        assertRefused("[" + CLUSTER + "]", "[" + echo(1, "m").replace("\"alpha\"", "\"beta\"") + "]",
                "field \"cluster\"", "unknown cluster 'beta'", "[alpha]");
    }

    @Test
    void frameworkNotListedByClusterIsRefused() {
        assertRefused("[" + CLUSTER + "]", "[" + echo(1, "m").replace("\"vllm\"", "\"sglang\"") + "]",
                "field \"framework\"", "'sglang' is not listed by cluster 'alpha'");
    }

    @Test
    void malformedFilesAreRefused() {
        assertRefused("[" + CLUSTER + ",]", "[]", "clusters.json: not valid JSON at line");
        assertRefused("{}", "[]", "clusters.json: must be a JSON array");
        assertRefused("[" + CLUSTER + "]", "[" + CLUSTER + "]", "endpoints.json, entry 1 (pk 1)", "field \"model\"",
                "expected a endpoint entry");
        assertRefused("[" + CLUSTER + "]", "[{\"pk\": \"x\"}]", "endpoints.json, entry 1", "field \"pk\"");
    }

    @Test
    void slugsOfDifferentModelsNeverCollide() throws IOException {
        Definitions definitions = load("[" + CLUSTER + "]", "[" + echo(1, "org/model") + "," + echo(2, "orgmodel")
                + "," + echo(3, "org-model") + "]");
        assertThat(definitions.endpoints()).extracting(e -> e.endpointSlug())
                .containsExactly("alpha_vllm_org%2fmodel", "alpha_vllm_orgmodel", "alpha_vllm_org-model");
    }

    @Test
    void adaptorConfigErrorNamesFileEntryAndField() throws IOException {
        Definitions definitions = load("[" + CLUSTER + "]", "[" + endpoint(4, "\"cluster\": \"alpha\", "
                + "\"framework\": \"vllm\", \"model\": \"m\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\", "
                + "\"config\": {\"prefix\": 5}") + "]");
        assertThatThrownBy(() -> AdaptorRegistry.build(definitions, AdaptorClasses.ofContext(),
                new ConfigInterpolator(Map.<String, String>of()::get)))
                .isInstanceOf(FixtureException.class)
                .hasMessageContaining("endpoints.json, entry 1 (pk 4)")
                .hasMessageContaining("field \"config.prefix\"");
    }

    /** Streams, but implements neither form of submitTask. */
    public static class NoTaskFormEndpoint extends BaseEndpoint {
        public NoTaskFormEndpoint(EndpointDefinition definition) {
            super(definition);
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            return SubmitStreamingTaskResponse.error(501, "never called");
        }
    }

    @Test
    void anAdaptorWithNeitherFormOfASubmitMethodIsRefusedAtStartUp() throws IOException {
        String adaptor = NoTaskFormEndpoint.class.getName();
        Definitions definitions = load("[" + CLUSTER + "]", "[" + endpoint(4, "\"cluster\": \"alpha\", "
                + "\"framework\": \"vllm\", \"model\": \"m\", \"endpoint_adapter\": \"" + adaptor + "\"") + "]");
        assertThatThrownBy(() -> AdaptorRegistry.build(definitions, AdaptorClasses.ofContext(),
                new ConfigInterpolator(Map.<String, String>of()::get)))
                .isInstanceOf(FixtureException.class)
                .hasMessageStartingWith(dir.resolve("endpoints.json") + ", entry 1 (pk 4), field \"endpoint_adapter\": "
                        + adaptor + " implements neither submitTask nor submitTaskAsync: implement one of them");
    }

    @Test
    void unresolvablePlaceholderIsNamed() throws IOException {
        Definitions definitions = load("[" + CLUSTER + "]", "[" + endpoint(4, "\"cluster\": \"alpha\", "
                + "\"framework\": \"vllm\", \"model\": \"m\", \"endpoint_adapter\": \"com.example.adaptors.EchoEndpoint\", "
                + "\"config\": {\"prefix\": \"${NOT_SET_ANYWHERE}\"}") + "]");
        assertThatThrownBy(() -> AdaptorRegistry.build(definitions, AdaptorClasses.ofContext(),
                new ConfigInterpolator(Map.<String, String>of()::get)))
                .hasMessageContaining("field \"config.prefix\"")
                .hasMessageContaining("NOT_SET_ANYWHERE is not set");
    }
}
