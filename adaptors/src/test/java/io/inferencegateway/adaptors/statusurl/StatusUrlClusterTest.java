package io.inferencegateway.adaptors.statusurl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.TestDefinitions;
import io.inferencegateway.adaptors.http.FakeUpstream;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.GetJobsResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusUrlClusterTest {

    private static final String STATUS_PAGE = """
            {
              "llama-70b": {"model": "meta-llama/Llama-3.3-70B-Instruct", "status": "Live",
                            "description": "Llama 3.3 70B", "model_version": 3, "endpoint_id": "ep-secret-1",
                            "url": "http://10.0.0.5:8000/v1", "model_key": "k1"},
              "qwen": {"model": "Qwen/Qwen3-32B", "status": "Stopped", "description": "Qwen 3",
                       "endpoint_id": "ep-secret-2", "url": "http://10.0.0.6:8000/v1"},
              "gpt-oss": {"model": "openai/gpt-oss-120b", "status": "Starting", "url": "http://10.0.0.7:8000/v1"}
            }
            """;

    @Test
    void mapsTheStatusPageToJobsWithoutExposingPrivateFields() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", STATUS_PAGE));
             StatusUrlCluster cluster = cluster(config(upstream.baseUrl() + "/status?all=1")
                     .put("api_key_env_name", "METIS_KEY"), Map.of("METIS_KEY", "status-key"))) {

            GetJobsResponse response = cluster.getJobs();

            assertThat(response.isError()).as(response.errorMessage()).isFalse();
            assertThat(Json.MAPPER.readTree(Json.write(response.jobs()))).isEqualTo(Json.read("""
                    {"running": [{"Models": "meta-llama/Llama-3.3-70B-Instruct", "Framework": "api",
                                  "Cluster": "metis", "Model Status": "running", "Description": "Llama 3.3 70B",
                                  "Model Version": 3}],
                     "queued": [{"Models": "openai/gpt-oss-120b", "Framework": "api", "Cluster": "metis",
                                 "Model Status": "starting", "Description": ""}],
                     "stopped": [{"Models": "Qwen/Qwen3-32B", "Framework": "api", "Cluster": "metis",
                                  "Model Status": "stopped", "Description": "Qwen 3"}],
                     "others": [], "private_batch_running": [], "private_batch_queued": [],
                     "cluster_status": {"cluster": "metis", "total_models": 3, "live_models": 1,
                                        "stopped_models": 1}}"""));
            assertThat(Json.write(response.jobs())).doesNotContain("ep-secret", "10.0.0.", "model_key", "k1");
            FakeUpstream.Received request = upstream.takeRequest();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("/status?all=1");
            assertThat(request.header("Authorization")).isEqualTo("Bearer status-key");
        }
    }

    @Test
    void theFrameworkComesFromConfigAndEntriesWithoutAModelAreSkipped() throws Exception {
        String page = "{\"a\": {\"model\": \"m1\", \"status\": \"Live\"}, \"b\": {\"status\": \"Live\"}, \"c\": 7}";
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", page));
             StatusUrlCluster cluster = new StatusUrlCluster(TestDefinitions.cluster(List.of("api", "vllm"),
                     config(upstream.baseUrl()).put("framework", "vllm")), Map.<String, String>of()::get)) {

            GetJobsResponse response = cluster.getJobs();

            assertThat(response.jobs().running()).singleElement()
                    .satisfies(job -> assertThat(job.framework()).isEqualTo("vllm"));
            assertThat(response.jobs().clusterStatus()).containsEntry("total_models", 1);
            assertThat(upstream.takeRequest().headers()).doesNotContainKey("authorization");
        }
    }

    @Test
    void anErrorStatusIs502NamingIt() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(500, "text/html", "<h1>Internal Server Error</h1>"));
             StatusUrlCluster cluster = cluster(config(upstream.baseUrl()), Map.of())) {

            GetJobsResponse response = cluster.getJobs();

            assertThat(response.errorCode()).isEqualTo(502);
            assertThat(response.errorMessage()).isEqualTo("Cluster metis: status page returned HTTP 500");
            assertThat(response.jobs()).isNull();
        }
    }

    @Test
    void malformedJsonIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", "{\"a\": {\"model\": "));
             StatusUrlCluster cluster = cluster(config(upstream.baseUrl()), Map.of())) {

            GetJobsResponse response = cluster.getJobs();

            assertThat(response.errorCode()).isEqualTo(502);
            assertThat(response.errorMessage()).startsWith("Cluster metis: status page is not valid JSON (");
        }
    }

    @Test
    void jsonThatIsNotAnObjectIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", "[]"));
             StatusUrlCluster cluster = cluster(config(upstream.baseUrl()), Map.of())) {

            assertThat(cluster.getJobs().errorMessage()).isEqualTo(
                    "Cluster metis: status page is not a JSON object of models");
        }
    }

    @Test
    void aSilentStatusPageTimesOutWith504() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> exchange.awaitClientClose());
             StatusUrlCluster cluster = cluster(config(upstream.baseUrl()).put("api_request_timeout", 0.3),
                     Map.of())) {

            GetJobsResponse response = cluster.getJobs();

            assertThat(response.errorCode()).isEqualTo(504);
            assertThat(response.errorMessage()).isEqualTo("Cluster metis: status page did not answer within 0.3 s");
        }
    }

    @Test
    void anUnreachableStatusPageIs503() throws Exception {
        int port = FakeUpstream.closedPort();
        try (StatusUrlCluster cluster = cluster(config("http://127.0.0.1:" + port + "/status"), Map.of())) {

            GetJobsResponse response = cluster.getJobs();

            assertThat(response.errorCode()).isEqualTo(503);
            assertThat(response.errorMessage()).startsWith("Cluster metis: status page is unreachable: ")
                    .doesNotContain(String.valueOf(port));
        }
    }

    @Test
    void configErrorsNameTheField() {
        Map<String, String> none = Map.of();
        assertThatThrownBy(() -> cluster(Json.object(), none)).isInstanceOfSatisfying(AdaptorConfigException.class,
                e -> assertThat(e.field()).isEqualTo("config.status_url"));
        assertThatThrownBy(() -> cluster(config("http://h/status").put("api_key_env_name", "METIS_KEY"), none))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.api_key_env_name"));
        assertThatThrownBy(() -> cluster(config("http://h/status").put("api_request_timeout", -5), none))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.api_request_timeout"));
        assertThatThrownBy(() -> cluster(config("http://h/status").put("framework", "sglang"), none))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.framework"))
                .hasMessageContaining("[api]");
        assertThatThrownBy(() -> new StatusUrlCluster(TestDefinitions.cluster(List.of(), config("http://h/status")),
                none::get)).isInstanceOfSatisfying(AdaptorConfigException.class,
                e -> assertThat(e.field()).isEqualTo("config.framework"));
    }

    private static ObjectNode config(String statusUrl) {
        ObjectNode config = Json.object();
        config.put("status_url", statusUrl);
        return config;
    }

    private static StatusUrlCluster cluster(ObjectNode config, Map<String, String> environment) {
        return new StatusUrlCluster(TestDefinitions.cluster(List.of("api"), config), environment::get);
    }
}
