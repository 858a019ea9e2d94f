package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.access.User;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.StoredApiKeys;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FIRST's health and list-endpoints routes, and API-key authentication, over real HTTP. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FirstCoreRoutesTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void healthNeedsNoCredentials() throws Exception {
        HttpResponse<String> response = gateway.get("/resource_server/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.read(response.body())).isEqualTo(Json.read("{\"status\":\"ok\"}"));
    }

    @Test
    void metricsAreServedForPrometheus() throws Exception {
        gateway.get("/resource_server/health", null);
        HttpResponse<String> response = gateway.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("gateway_http_requests_seconds_count{method=\"GET\",route=\"/resource_server/health\",status=\"200\"}")
                .contains("gateway_logs_dropped").contains("gateway_usage_events_dropped").contains("gateway_load_reports_dropped").contains("jvm_memory_used_bytes");
    }

    @Test
    void listEndpointsInFirstsShape() throws Exception {
        HttpResponse<String> response = gateway.get("/resource_server/list-endpoints",
                "Bearer " + GatewayFixture.DEV_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode open = Json.read(response.body()).path("clusters").path("open");
        assertThat(open.path("base_url").asText()).isEqualTo("/resource_server/open");
        assertThat(open.at("/frameworks/vllm/models")).isEqualTo(Json.read("[\"model-a\",\"model-b\"]"));
        assertThat(open.at("/frameworks/vllm/endpoints")).isEqualTo(
                Json.read("[\"/v1/chat/completions\",\"/v1/completions\",\"/v1/embeddings\"]"));
        // The only api-framework model is group-restricted: the framework key disappears with it.
        assertThat(open.path("frameworks").has("api")).isFalse();
        // A permitted cluster with nothing visible still appears, as in FIRST.
        assertThat(Json.read(response.body()).at("/clusters/empty/frameworks").isEmpty()).isTrue();
    }

    @Test
    void groupsAndDomainsDecideWhatIsListed() throws Exception {
        String premium = gateway.keyFor("premium-user", List.of("premium"), "example.com");
        JsonNode premiumView = Json.read(gateway.get("/resource_server/list-endpoints", "Bearer " + premium).body());
        assertThat(premiumView.at("/clusters/open/frameworks/api/models")).isEqualTo(Json.read("[\"model-premium\"]"));
        assertThat(premiumView.path("clusters").has("lab-only")).isFalse();

        String lab = gateway.keyFor("lab-user", List.of(), "lab.example.org");
        JsonNode labView = Json.read(gateway.get("/resource_server/list-endpoints", "Bearer " + lab).body());
        assertThat(labView.at("/clusters/lab-only/frameworks/vllm/models")).isEqualTo(Json.read("[\"model-lab\"]"));
        assertThat(labView.at("/clusters/open/frameworks").has("api")).isFalse();
    }

    @Test
    void missingOrBadCredentialsAre401WithAMachineReadableBody() throws Exception {
        for (String header : new String[] {null, "", "Basic abc", "Bearer", "Bearer igw-unknown-key", "Token x"}) {
            HttpResponse<String> response = gateway.get("/resource_server/list-endpoints", header);
            assertThat(response.statusCode()).as("Authorization: %s", header).isEqualTo(401);
            JsonNode error = Json.read(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("unauthorized");
            assertThat(error.path("message").asText()).isNotBlank();
        }
    }

    @Test
    void revokedKeyIsRefused() throws Exception {
        var user = new User("temp", "", "temp@example.com", List.of(), "example.com",
                "", "", "api_key");
        var issued = gateway.keys.create(user, "temp", null);
        assertThat(gateway.get("/resource_server/list-endpoints", "Bearer " + issued.key()).statusCode())
                .isEqualTo(200);
        assertThat(new StoredApiKeys(gateway.app().database().dataSource()).revoke(issued.id())).isTrue();
        assertThat(gateway.get("/resource_server/list-endpoints", "Bearer " + issued.key()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void unknownRoutesAndMethodsGetTheFamilysErrorShape() throws Exception {
        HttpResponse<String> missing = gateway.get("/resource_server/no-such-route", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.read(missing.body()).at("/error/code").asText()).isEqualTo("not_found");

        HttpResponse<String> wrongMethod = gateway.post("/resource_server/list-endpoints", null, "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(Json.read(wrongMethod.body()).at("/error/code").asText()).isEqualTo("method_not_allowed");

        HttpResponse<String> openAiMissing = gateway.get("/v1/no-such-route", null);
        assertThat(openAiMissing.statusCode()).isEqualTo(404);
        JsonNode error = Json.read(openAiMissing.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
    }
}
