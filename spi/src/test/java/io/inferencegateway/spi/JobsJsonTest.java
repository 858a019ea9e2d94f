package io.inferencegateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobs and JobInfo speak exactly the seed's JSON, so clients of FIRST's jobs route keep working. */
class JobsJsonTest {

    /** The seed's Metis example, with the keys the seed requires. */
    private static final String METIS = """
            {"running":[{"Models":"gpt-oss-120b-131072","Framework":"api","Cluster":"metis",\
            "Model Status":"running","Description":"gpt-oss-120b-131072 - gpt oss 131K","Model Version":1}],\
            "queued":[],"stopped":[],"others":[],"private_batch_running":[],"private_batch_queued":[],\
            "cluster_status":{"cluster":"metis","total_models":2,"live_models":2,"stopped_models":0}}""";

    @Test
    void keysAreTheSeeds() {
        Jobs jobs = new Jobs(
                List.of(new JobInfo("m1", "vllm", "sophia").with("Job ID", "123.pbs")),
                List.of(), List.of(), List.of(),
                List.of(new JobInfo("m2", "vllm", "sophia").with("Batch ID", "b-1").with("Username", "u@x")),
                List.of(), Map.of("free_nodes", 3));
        JsonNode json = Json.read(Json.write(jobs));
        assertThat(json.fieldNames()).toIterable().containsExactly("running", "queued", "stopped", "others",
                "private_batch_running", "private_batch_queued", "cluster_status");
        assertThat(json.at("/running/0").fieldNames()).toIterable()
                .containsExactly("Models", "Framework", "Cluster", "Job ID");
        assertThat(json.at("/private_batch_running/0/Batch ID").asText()).isEqualTo("b-1");
        assertThat(json.at("/cluster_status/free_nodes").asInt()).isEqualTo(3);
    }

    @Test
    void extraJobInfoFieldsSurviveARoundTrip() throws Exception {
        Jobs jobs = Json.MAPPER.readValue(METIS, Jobs.class);
        assertThat(jobs.running().get(0).extra()).containsEntry("Model Version", 1)
                .containsEntry("Description", "gpt-oss-120b-131072 - gpt oss 131K");
        assertThat(Json.read(Json.write(jobs))).isEqualTo(Json.read(METIS));
    }

    @Test
    void jobInfoRequiresItsThreeFields() {
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"Models\":\"m\",\"Framework\":\"f\"}", JobInfo.class))
                .hasMessageContaining("Cluster");
    }
}
