package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may use what: clusters' and endpoints' allowed groups and domains on inference, jobs and model lists, and
 * maintenance. A permission failure is a 403 (FIRST answered 401).
 */
class PermissionMatrixTest {

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static GatewayFixture gateway;
    private static String plain;
    private static String premium;
    private static String lab;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of("GATEWAY_MAINTENANCE", "{\"empty\": \"Back at noon.\"}"));
        plain = "Bearer " + gateway.keyFor("plain", List.of(), "example.com");
        premium = "Bearer " + gateway.keyFor("premium", List.of("premium"), "example.com");
        lab = "Bearer " + gateway.keyFor("lab", List.of(), "lab.example.org");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static int firstChat(String key, String path, String model) throws Exception {
        return gateway.post("/resource_server/" + path + "/v1/chat/completions", key, CHAT.formatted(model)).statusCode();
    }

    @Test
    void endpointGroupsAreEnforcedOnInference() throws Exception {
        assertThat(firstChat(plain, "open/api", "model-premium")).isEqualTo(403);
        assertThat(firstChat(premium, "open/api", "model-premium")).isEqualTo(200);
        HttpResponse<String> denied = gateway.post("/resource_server/open/api/v1/chat/completions", plain,
                CHAT.formatted("model-premium"));
        assertThat(Json.read(denied.body()).at("/error/code").asText()).isEqualTo("permission_denied");
        assertThat(Json.read(denied.body()).at("/error/message").asText()).contains("Group");
    }

    @Test
    void clusterDomainsAreEnforcedOnInferenceToo() throws Exception {
        assertThat(firstChat(plain, "lab-only/vllm", "model-lab")).isEqualTo(403);
        assertThat(firstChat(premium, "lab-only/vllm", "model-lab")).isEqualTo(403);
        assertThat(firstChat(lab, "lab-only/vllm", "model-lab")).isEqualTo(200);
    }

    /** Issue 18: one rule on both API families; listings show only what the caller may use. */
    @Test
    void openAiRoutesRefuseWhatTheCallerMayNotUseAsFirstsDoAndListOnlyTheRest() throws Exception {
        for (String route : List.of("/v1/chat/completions", "/resource_server/v1/chat/completions")) {
            HttpResponse<String> refused = gateway.post(route, plain, CHAT.formatted("model-premium"));
            assertThat(refused.statusCode()).as(route).isEqualTo(403);
            assertThat(Json.read(refused.body()).at("/error/code").asText()).isEqualTo("permission_denied");
            assertThat(Json.read(refused.body()).at("/error/message").asText()).contains("Group");
        }
        assertThat(gateway.post("/v1/chat/completions", plain, CHAT.formatted("no-such-model")).statusCode())
                .isEqualTo(404);
        // FIRST's user guide's federated route serves as /v1 does.
        assertThat(gateway.post("/resource_server/v1/chat/completions", premium, CHAT.formatted("model-premium"))
                .statusCode()).isEqualTo(200);
        assertThat(gateway.post("/resource_server/v1/chat/completions", plain, CHAT.formatted("no-such-model"))
                .statusCode()).isEqualTo(404);
        assertThat(gateway.post("/v1/chat/completions", premium, CHAT.formatted("model-premium")).statusCode())
                .isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", lab, CHAT.formatted("model-lab")).statusCode()).isEqualTo(200);
        assertThat(ids(plain)).contains("model-a").doesNotContain("model-premium", "model-lab");
        assertThat(ids(premium)).contains("model-premium").doesNotContain("model-lab");
        assertThat(ids(lab)).contains("model-lab");
        assertThat(gateway.get("/v1/models/model-premium", plain).statusCode()).isEqualTo(404);
        assertThat(Json.read(gateway.get("/v1/models/model-premium", premium).body()).path("id").asText())
                .isEqualTo("model-premium");
    }

    @Test
    void jobsShowOnlyVisibleModels() throws Exception {
        JsonNode plainJobs = Json.read(gateway.get("/resource_server/open/jobs", plain).body());
        assertThat(plainJobs.path("queued").toString()).doesNotContain("model-premium");
        assertThat(plainJobs.path("running").toString()).contains("model-a");
        assertThat(plainJobs.fieldNames()).toIterable().contains("running", "queued", "stopped", "others",
                "private_batch_running", "private_batch_queued", "cluster_status");
        JsonNode premiumJobs = Json.read(gateway.get("/resource_server/open/jobs", premium).body());
        assertThat(premiumJobs.path("queued").toString()).contains("model-premium");
        assertThat(gateway.get("/resource_server/lab-only/jobs", plain).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/resource_server/nowhere/jobs", plain).statusCode()).isEqualTo(404);
    }

    @Test
    void maintenanceStopsInferenceButNotListing() throws Exception {
        HttpResponse<String> refused = gateway.post("/resource_server/empty/vllm/v1/chat/completions", plain,
                CHAT.formatted("anything"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Json.read(refused.body()).at("/error/message").asText()).isEqualTo("Back at noon.");
        JsonNode status = Json.read(gateway.get("/resource_server/status", null).body());
        assertThat(status.path("empty").asBoolean(true)).isFalse();
        assertThat(status.path("open").asBoolean(false)).isTrue();
        assertThat(status.has("lab-only")).as("restricted clusters are not public").isFalse();
    }

    @Test
    void whoamiDescribesTheCaller() throws Exception {
        JsonNode me = Json.read(gateway.get("/resource_server/whoami", premium).body());
        assertThat(me.path("id").asText()).isEqualTo("premium");
        assertThat(me.path("user_group_uuids")).isEqualTo(Json.read("[\"premium\"]"));
        assertThat(me.path("auth_service").asText()).isEqualTo("api_key");
    }

    @Test
    void firstsResolutionErrorsInOrder() throws Exception {
        assertThat(firstChat(plain, "nowhere/vllm", "model-a")).isEqualTo(404);
        assertThat(firstChat(plain, "open/sglang", "model-a")).isEqualTo(400);
        assertThat(firstChat(plain, "open/vllm", "model-x")).isEqualTo(404);
        HttpResponse<String> route = gateway.post("/resource_server/lab-only/vllm/v1/completions", lab,
                "{\"model\":\"model-lab\",\"prompt\":\"hi\"}");
        assertThat(route.statusCode()).isEqualTo(400);
        assertThat(Json.read(route.body()).at("/error/code").asText()).isEqualTo("unsupported_endpoint");
    }

    private static List<String> ids(String key) throws Exception {
        return Json.read(gateway.get("/v1/models", key).body()).path("data").findValuesAsText("id");
    }
}
