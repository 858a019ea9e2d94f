package io.inferencegateway.gateway.auth.globus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.auth.AuthServiceUnavailable;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The three Globus calls token checks need: introspection and the dependent-token grant at Globus Auth (HTTP Basic
 * with the gateway's client credentials), and {@code my_groups} at the Groups API (Bearer, the dependent token).
 * Transport failures and 5xx answers throw {@link AuthServiceUnavailable}; they say nothing about the token.
 */
final class GlobusClient implements AutoCloseable {

    static final String GROUPS_RESOURCE_SERVER = "groups.api.globus.org";
    static final String DEPENDENT_TOKEN_GRANT = "urn:globus:auth:grant_type:dependent_token";

    private final GlobusAuthSettings settings;
    private final String basicAuthorization;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    GlobusClient(GlobusAuthSettings settings) {
        this.settings = settings;
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        // HTTP/1.1: no h2c upgrade dance with proxies; this path is low-volume and cached.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(settings.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** RFC 7662 introspection with Globus's extra details; asks Globus to evaluate the configured policies. */
    JsonNode introspect(String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("include", "identity_set_detail,session_info");
        if (!settings.access().policies().isEmpty()) {
            form.put("authentication_policies", String.join(",", settings.access().policies()));
        }
        HttpResponse<String> response = send(authForm("/v2/oauth2/token/introspect", form), "Globus Auth");
        if (response.statusCode() != 200) {
            // RFC 7662 answers 200 {"active": false} for a bad token, so anything else is about us or Globus.
            throw unavailable("Globus Auth introspection", response);
        }
        JsonNode body = parse(response, "Globus Auth introspection");
        if (!body.path("active").isBoolean()) {
            // Reading a malformed answer as "inactive" would cache a valid token as refused.
            throw new AuthServiceUnavailable("Globus Auth introspection answered without an 'active' field");
        }
        return body;
    }

    /** A Groups API token on behalf of the token's owner, or empty when Globus refuses to issue one. */
    Optional<String> groupsToken(String token) {
        HttpResponse<String> response = send(authForm("/v2/oauth2/token",
                Map.of("grant_type", DEPENDENT_TOKEN_GRANT, "token", token)), "Globus Auth");
        if (isRefusal(response.statusCode())) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unavailable("Globus Auth dependent-token grant", response);
        }
        JsonNode body = parse(response, "Globus Auth dependent-token grant");
        // Globus answers a list of tokens, one per resource server; accept a single token object too.
        List<JsonNode> tokens = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(tokens::add);
        } else {
            tokens.add(body);
            body.path("other_tokens").forEach(tokens::add);
        }
        return tokens.stream()
                .filter(item -> GROUPS_RESOURCE_SERVER.equals(item.path("resource_server").asText()))
                .map(item -> item.path("access_token").asText(""))
                .filter(accessToken -> !accessToken.isEmpty())
                .findFirst();
    }

    /** The ids of the groups the token's owner belongs to, or empty when the Groups API refuses the token. */
    Optional<List<String>> myGroups(String groupsToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.groupsUrl() + "/v2/groups/my_groups"))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + groupsToken)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = send(request, "Globus Groups");
        if (isRefusal(response.statusCode())) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unavailable("Globus Groups my_groups", response);
        }
        JsonNode groups = parse(response, "Globus Groups my_groups");
        if (!groups.isArray()) {
            throw new AuthServiceUnavailable("Globus Groups my_groups answered something that is not a list");
        }
        List<String> ids = new ArrayList<>();
        groups.forEach(group -> {
            if (group.hasNonNull("id")) {
                ids.add(group.get("id").asText());
            }
        });
        return Optional.of(List.copyOf(ids));
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }

    private HttpRequest authForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(settings.authUrl() + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", basicAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request, String service) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthServiceUnavailable(service + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthServiceUnavailable("Interrupted while waiting for " + service, e);
        }
    }

    /** 400, 401 and 403: Globus understood the call and said no to the token we passed on. */
    private static boolean isRefusal(int status) {
        return status == 400 || status == 401 || status == 403;
    }

    private static JsonNode parse(HttpResponse<String> response, String call) {
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (body == null || !body.isContainerNode()) {
                throw new AuthServiceUnavailable(call + " answered something that is not a JSON object or list");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new AuthServiceUnavailable(call + " answered something that is not JSON", e);
        }
    }

    private static AuthServiceUnavailable unavailable(String call, HttpResponse<String> response) {
        return new AuthServiceUnavailable(call + " answered HTTP " + response.statusCode());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
