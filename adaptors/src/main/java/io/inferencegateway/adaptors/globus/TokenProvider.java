package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.http.UpstreamFailure;
import io.inferencegateway.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Access tokens for the Globus Compute scope, by the client-credentials grant, one per client, cached until
 * shortly before they expire (Globus issues no refresh token). Each process fetches its own, and each fetch is
 * counted in the client's call budget like a Compute call (one every two days per process).
 */
final class TokenProvider {

    /** Takes a permit of the client's call budget before a token request. */
    interface Permits {
        void take(Credentials client, long deadline) throws ComputeException;
    }

    /** The Globus Compute scope; its resource server is {@code funcx_service}. */
    static final String COMPUTE_SCOPE = "https://auth.globus.org/scopes/facd7ccc-c5f4-42aa-916b-a0e270e2c2a9/all";

    /** A token is renewed this long before it expires, so a call never starts with one about to lapse. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private record Token(String value, Instant renewAt) {
    }

    private final HttpClient http;
    private final URI tokenUrl;
    private final Clock clock;
    private final Permits permits;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    TokenProvider(HttpClient http, URI authUrl, Clock clock, Permits permits) {
        this.http = http;
        this.tokenUrl = URI.create(authUrl + "/v2/oauth2/token");
        this.clock = clock;
        this.permits = permits;
    }

    /** A valid token for {@code client}, asking Globus Auth only when the cached one is due for renewal. */
    String token(Credentials client, long deadline) throws ComputeException {
        Token cached = tokens.get(client.clientId());
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.value();
        }
        // One request per client at a time: concurrent callers wait for it instead of asking again.
        ReentrantLock lock = locks.computeIfAbsent(client.clientId(), id -> new ReentrantLock());
        lock.lock();
        try {
            cached = tokens.get(client.clientId());
            if (cached != null && clock.instant().isBefore(cached.renewAt())) {
                return cached.value();
            }
            permits.take(client, deadline);
            Token fresh = request(client);
            tokens.put(client.clientId(), fresh);
            return fresh.value();
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code value} after Globus Compute refused it, so the next call asks for a new one. */
    void invalidate(Credentials client, String value) {
        tokens.computeIfPresent(client.clientId(), (id, token) -> token.value().equals(value) ? null : token);
    }

    private Token request(Credentials client) throws ComputeException {
        String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(COMPUTE_SCOPE, StandardCharsets.UTF_8);
        ContentResponse response;
        try {
            response = http.newRequest(tokenUrl)
                    .method(HttpMethod.POST)
                    .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Basic " + basic)
                            .put(HttpHeader.ACCEPT, "application/json"))
                    .body(new StringRequestContent("application/x-www-form-urlencoded", form))
                    .send();
        } catch (TimeoutException e) {
            throw new ComputeException(504, "Globus Auth did not answer the token request in time", e);
        } catch (ExecutionException e) {
            throw new ComputeException(UpstreamFailure.of(e.getCause()) == UpstreamFailure.UNREACHABLE ? 503 : 502,
                    "Globus Auth is unreachable: " + UpstreamFailure.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeException(503, "interrupted while asking Globus Auth for a token", e);
        }
        if (response.getStatus() != 200) {
            // A refused client is an operator's problem (wrong id or secret, scope not granted), not the user's.
            throw new ComputeException(500, "Globus Auth refused the token request for client " + client.clientId()
                    + " (HTTP " + response.getStatus() + "); check the Globus Compute client id and secret");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.getContentAsString());
        } catch (Exception e) {
            throw new ComputeException(502, "Globus Auth answered the token request with invalid JSON");
        }
        String value = body == null ? "" : body.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new ComputeException(502, "Globus Auth answered the token request without an access_token");
        }
        long lifetime = body.path("expires_in").asLong(0);
        Duration early = Duration.ofSeconds(Math.min(RENEW_BEFORE_EXPIRY.toSeconds(), lifetime / 2));
        return new Token(value, clock.instant().plusSeconds(lifetime).minus(early));
    }
}
