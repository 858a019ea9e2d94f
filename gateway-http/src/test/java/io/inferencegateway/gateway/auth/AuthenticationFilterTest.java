package io.inferencegateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.ErrorRenderer;
import io.inferencegateway.json.Json;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP answers for each authentication outcome, from a real server on a free port. */
class AuthenticationFilterTest {

    private static final User ALICE = new User("alice", "Alice", "alice@anl.gov", List.of(), "anl.gov", "", "",
            "globus");

    private static Javalin app;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        Authenticator authenticator = token -> switch (token) {
            case "good" -> AuthResult.authenticated(ALICE);
            case "down" -> throw new AuthServiceUnavailable("Globus Auth cannot be reached: connection refused");
            default -> AuthResult.rejected("Token is either not active or invalid.");
        };
        AuthenticationFilter auth = new AuthenticationFilter(authenticator);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/resource_server/whoami",
                    auth.require(ctx -> ctx.result(AuthenticationFilter.user(ctx).id())));
            config.routes.get("/v1/models", auth.require(ctx -> ctx.result(AuthenticationFilter.user(ctx).id())));
            config.routes.exception(ApiException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void anAuthenticatedCallerReachesTheRoute() throws Exception {
        HttpResponse<String> response = get("/resource_server/whoami", "Bearer good");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice");
    }

    @Test
    void aRejectedTokenIs401WithTheAuthenticatorsReason() throws Exception {
        HttpResponse<String> first = get("/resource_server/whoami", "Bearer stale");
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(Json.read(first.body()).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(Json.read(first.body()).at("/error/message").asText())
                .isEqualTo("Token is either not active or invalid.");

        HttpResponse<String> openAi = get("/v1/models", "Bearer stale");
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(Json.read(openAi.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void anUnreachableAuthenticationServiceIs503WithRetryAfterAndNoInternals() throws Exception {
        HttpResponse<String> response = get("/resource_server/whoami", "Bearer down");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(Json.read(response.body()).at("/error/code").asText()).isEqualTo("authentication_unavailable");
        assertThat(Json.read(response.body()).at("/error/message").asText())
                .isEqualTo("Authentication service unavailable; retry shortly.");
    }

    @Test
    void aMissingOrMalformedHeaderNeverReachesTheAuthenticator() throws Exception {
        for (String header : new String[] {null, "Basic abc", "Bearer ", "Token down"}) {
            HttpResponse<String> response = get("/resource_server/whoami", header);
            assertThat(response.statusCode()).as("Authorization: %s", header).isEqualTo(401);
        }
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
