package io.inferencegateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: {@code /metrics} can be kept from the API's clients, on a port of its own or behind a Bearer token;
 * without either setting it stays beside the API, as before.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetricsAccessTest {

    private static final String TOKEN = "metrics-token-0123456789";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aTokenIsRequiredOnceOneIsSet() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(Map.of(MetricsSettings.TOKEN, TOKEN))) {
            HttpResponse<String> none = scrape(gateway.app().port(), null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
            JsonNode error = Json.read(none.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("unauthorized");
            assertThat(error.path("type").asText()).isEqualTo("authentication_error");
            assertThat(none.body()).doesNotContain(TOKEN);

            assertThat(scrape(gateway.app().port(), "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
            assertThat(scrape(gateway.app().port(), "Bearer " + GatewayFixture.DEV_KEY).statusCode()).isEqualTo(401);

            HttpResponse<String> allowed = scrape(gateway.app().port(), "Bearer " + TOKEN);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("gateway_http_requests_seconds_count{method=\"GET\",route=\"/metrics\"");
        }
    }

    @Test
    void aPortOfItsOwnTakesMetricsOffTheApiPort() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(Map.of(MetricsSettings.PORT, "0"))) {
            int api = gateway.app().port();
            int metrics = gateway.app().metricsPort();
            assertThat(metrics).isNotEqualTo(api);

            HttpResponse<String> onApi = scrape(api, null);
            assertThat(onApi.statusCode()).isEqualTo(404);
            assertThat(Json.read(onApi.body()).at("/error/code").asText()).isEqualTo("not_found");

            assertThat(gateway.get("/resource_server/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> scraped = scrape(metrics, null);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("route=\"/resource_server/health\"");

            HttpResponse<String> apiOnMetricsPort = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(apiOnMetricsPort.statusCode()).isEqualTo(404);
            assertThat(Json.read(apiOnMetricsPort.body()).at("/error/code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void aPortOfItsOwnCanAlsoRequireTheToken() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(Map.of(MetricsSettings.PORT, "0",
                MetricsSettings.TOKEN, TOKEN))) {
            assertThat(scrape(gateway.app().metricsPort(), null).statusCode()).isEqualTo(401);
            assertThat(scrape(gateway.app().metricsPort(), "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void settingsThatCannotWorkStopTheStartNamingTheVariable() {
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of(MetricsSettings.PORT, "metrics")::get))
                .hasMessageContaining(MetricsSettings.PORT);
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of(MetricsSettings.PORT, "70000")::get))
                .hasMessageContaining(MetricsSettings.PORT);
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of(MetricsSettings.TOKEN, "short")::get))
                .hasMessageContaining(MetricsSettings.TOKEN).hasMessageContaining("16");
        assertThat(MetricsSettings.fromEnvironment(Map.<String, String>of()::get))
                .isEqualTo(MetricsSettings.besideTheApi());
    }

    private HttpResponse<String> scrape(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
