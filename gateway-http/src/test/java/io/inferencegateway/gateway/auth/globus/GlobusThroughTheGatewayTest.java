package io.inferencegateway.gateway.auth.globus;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.gateway.GatewayApp;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.gateway.GatewaySettings;
import io.inferencegateway.gateway.StartupOptions;
import io.inferencegateway.json.Json;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.testsupport.globus.FakeGlobusAuth;
import io.inferencegateway.testsupport.globus.GlobusTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real gateway with Globus configured: API keys still work, Globus tokens are introspected, outages are 503. */
class GlobusThroughTheGatewayTest {

    private static final String DEV_KEY = "igw-globus-wiring-test-key-0123456789abcdef";
    private static final String ALICE = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String ALICE_AT_GLOBUSID = "aaaaaaaa-0000-0000-0000-000000000003";

    private static FakeGlobusAuth fake;
    private static GatewayApp gateway;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeGlobusAuth(List.of());
        Instant inADay = Instant.now().plus(Duration.ofDays(1));
        fake.introspection("globus-alice", GlobusTokens.active(ALICE, "alice@anl.gov", GlobusTokens.ANL_IDP, inADay)
                .json());
        fake.introspection("globus-gmail", GlobusTokens.active(ALICE, "alice@gmail.com", GlobusTokens.GOOGLE_IDP,
                inADay).json());
        // The same person both ways round: primary identity at anl.gov, signed in this session through one or the other.
        fake.introspection("signed-in-at-globusid", GlobusTokens.active(ALICE, "alice@anl.gov",
                        GlobusTokens.ANL_IDP, inADay).noSessionAuthentications()
                .identity(ALICE_AT_GLOBUSID, "alice@globusid.org", GlobusTokens.GLOBUSID_IDP)
                .authenticatedInSession(ALICE_AT_GLOBUSID, GlobusTokens.GLOBUSID_IDP).json());
        fake.introspection("signed-in-at-anl", GlobusTokens.active(ALICE_AT_GLOBUSID, "alice@globusid.org",
                        GlobusTokens.GLOBUSID_IDP, inADay).noSessionAuthentications()
                .identity(ALICE, "alice@anl.gov", GlobusTokens.ANL_IDP)
                .authenticatedInSession(ALICE, GlobusTokens.ANL_IDP).json());
        GatewaySettings settings = new GatewaySettings("127.0.0.1", 0, 1024 * 1024, Duration.ZERO,
                Optional.of(GlobusSetup.settings(fake, List.of("anl.gov"), List.of(), false)));
        gateway = GatewayApp.start(settings, TestServers.freshDatabase(), TestServers.kafka(),
                new StartupOptions(Optional.empty(), Optional.of(DEV_KEY),
                        GatewayFixture.withKeyHashSecret(Map.of())));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        assertThat(fake.violations()).isEmpty();
        fake.close();
    }

    @Test
    void aGlobusTokenFromAnAllowedDomainIsServed() throws Exception {
        assertThat(listEndpoints("globus-alice").statusCode()).isEqualTo(200);
    }

    @Test
    void aGlobusTokenFromAnotherDomainIs401WithTheReason() throws Exception {
        HttpResponse<String> response = listEndpoints("globus-gmail");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.read(response.body()).at("/error/message").asText()).contains("Must authenticate with anl.gov");
    }

    /** Issue 21: only the identity that signed in this session counts, as FIRST's session rule has it. */
    @Test
    void whoamiIsTheIdentityThatSignedInThisSessionAndOnlyAnAllowedOneIsServed() throws Exception {
        HttpResponse<String> elsewhere = get("/resource_server/whoami", "signed-in-at-globusid");
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(Json.read(elsewhere.body()).at("/error/message").asText())
                .contains("Must authenticate with anl.gov").contains("alice@globusid.org");

        HttpResponse<String> atAnl = get("/resource_server/whoami", "signed-in-at-anl");
        assertThat(atAnl.statusCode()).isEqualTo(200);
        assertThat(Json.read(atAnl.body()).path("id").asText()).isEqualTo(ALICE);
        assertThat(Json.read(atAnl.body()).path("username").asText()).isEqualTo("alice@anl.gov");
        assertThat(Json.read(atAnl.body()).path("idp_id").asText()).isEqualTo(GlobusTokens.ANL_IDP);
    }

    @Test
    void apiKeysNeverReachGlobus() throws Exception {
        int before = fake.requests();

        assertThat(listEndpoints(DEV_KEY).statusCode()).isEqualTo(200);
        assertThat(listEndpoints("igw-unknown").statusCode()).isEqualTo(401);
        assertThat(fake.requests()).isEqualTo(before);
    }

    @Test
    void aGlobusOutageIs503() throws Exception {
        fake.introspectionStatus(502);
        try {
            HttpResponse<String> response = listEndpoints("globus-never-seen-before");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Json.read(response.body()).at("/error/code").asText()).isEqualTo("authentication_unavailable");
        } finally {
            fake.introspectionStatus(200);
        }
    }

    private HttpResponse<String> listEndpoints(String token) throws Exception {
        return get("/resource_server/list-endpoints", token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
