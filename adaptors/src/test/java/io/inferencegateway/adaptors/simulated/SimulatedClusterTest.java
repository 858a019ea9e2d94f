package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.GetJobsResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

    private static SimulatedCluster cluster(String config, List<String> frameworks) {
        return new SimulatedCluster(new ClusterDefinition(1, "sim-cluster", SimulatedCluster.class.getName(),
                frameworks, List.of("chat/completions"), List.of(), List.of(), (ObjectNode) Json.read(config)));
    }

    private static List<String> keys(JsonNode node) {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }

    @Test
    void reportsModelsByStatusWithFirstsJsonKeys() throws Exception {
        SimulatedCluster cluster = cluster("""
                {"models": {"llama": "running", "mistral": "queued", "qwen": "stopped", "phi": "running"}}""",
                List.of("vllm", "api"));

        GetJobsResponse response = cluster.getJobs();
        JsonNode jobs = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(response.jobs()));

        assertThat(response.isError()).isFalse();
        assertThat(keys(jobs)).containsExactly("running", "queued", "stopped", "others", "private_batch_running",
                "private_batch_queued", "cluster_status");
        assertThat(jobs.path("running")).hasSize(2);
        JsonNode llama = jobs.path("running").get(0);
        assertThat(keys(llama)).containsExactly("Models", "Framework", "Cluster", "Model Status");
        assertThat(llama.path("Models").asText()).isEqualTo("llama");
        assertThat(llama.path("Framework").asText()).isEqualTo("vllm");
        assertThat(llama.path("Cluster").asText()).isEqualTo("sim-cluster");
        assertThat(llama.path("Model Status").asText()).isEqualTo("running");
        assertThat(jobs.at("/queued/0/Model Status").asText()).isEqualTo("queued");
        assertThat(jobs.at("/stopped/0/Models").asText()).isEqualTo("qwen");
        assertThat(jobs.path("others")).isEmpty();
        assertThat(jobs.path("cluster_status")).isEqualTo(Json.read("""
                {"cluster": "sim-cluster", "total_models": 4, "live_models": 2, "stopped_models": 1}"""));
    }

    @Test
    void frameworkCanBeSetAndModelsDefaultToNone() {
        JsonNode jobs = Json.MAPPER.valueToTree(cluster("{\"framework\": \"sglang\", \"models\": {\"m\": \"queued\"}}",
                List.of("vllm")).getJobs().jobs());
        JsonNode empty = Json.MAPPER.valueToTree(cluster("{}", List.of("vllm")).getJobs().jobs());

        assertThat(jobs.at("/queued/0/Framework").asText()).isEqualTo("sglang");
        assertThat(empty.path("running")).isEmpty();
        assertThat(empty.at("/cluster_status/total_models").asInt()).isZero();
    }

    @Test
    void callersCannotChangeTheNextAnswer() {
        SimulatedCluster cluster = cluster("{\"models\": {\"m\": \"running\"}}", List.of("vllm"));

        cluster.getJobs().jobs().running().getFirst().with("Job ID", "42");

        assertThat(cluster.getJobs().jobs().running().getFirst().extra()).doesNotContainKey("Job ID");
    }

    @Test
    void invalidConfigNamesTheField() {
        assertThatThrownBy(() -> cluster("{\"models\": {\"m\": \"sleeping\"}}", List.of("vllm")))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.models.m"));
        assertThatThrownBy(() -> cluster("{\"models\": [\"m\"]}", List.of("vllm")))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.models"));
        assertThatThrownBy(() -> cluster("{}", List.of()))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.framework"));
    }
}
