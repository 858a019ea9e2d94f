package io.inferencegateway.gateway.auth.globus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of a Globus Auth introspection answer (RFC 7662 plus Globus's {@code identity_set_detail},
 * {@code session_info} and {@code policy_evaluations}) that the gateway's checks read.
 *
 * @param active            whether Globus considers the token valid
 * @param subject           {@code sub}: the identity the token was issued to
 * @param expiresAt         {@code exp}, empty when absent
 * @param audience          {@code aud}: client ids and resource-server names the token is meant for
 * @param scopes            {@code scope}, split on spaces
 * @param identities        {@code identity_set_detail}, or the token's own identity when that is absent
 * @param sessionIdentities {@code session_info.authentications}: identity id to identity-provider id, in order
 * @param policyEvaluations {@code policy_evaluations}: policy id to its evaluation
 * @param claims            the token's own top-level claims
 */
record Introspection(boolean active, String subject, Optional<Instant> expiresAt, List<String> audience,
                     Set<String> scopes, List<Identity> identities, Map<String, String> sessionIdentities,
                     Map<String, Boolean> policyEvaluations, Claims claims) {

    /**
     * The top-level claims that describe who the token was issued to, each empty when absent.
     *
     * @param clientId {@code client_id}: the client the token was issued to
     * @param username {@code username}
     * @param name     {@code name}
     * @param issuer   {@code iss}
     */
    record Claims(String clientId, String username, String name, String issuer) {
    }

    static Introspection parse(JsonNode body) {
        String subject = body.path("sub").asText("");
        Optional<Instant> expiresAt = body.path("exp").isNumber()
                ? Optional.of(Instant.ofEpochSecond(body.path("exp").asLong())) : Optional.empty();
        List<String> audience = new ArrayList<>();
        JsonNode aud = body.path("aud");
        // RFC 7662 allows a single string; Globus sends an array.
        if (aud.isArray()) {
            aud.forEach(item -> audience.add(item.asText()));
        } else if (aud.isTextual()) {
            audience.add(aud.asText());
        }
        Set<String> scopes = Arrays.stream(body.path("scope").asText("").split(" "))
                .filter(scope -> !scope.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Introspection(body.path("active").asBoolean(false), subject, expiresAt, List.copyOf(audience),
                scopes, identities(body, subject), sessionIdentities(body), policyEvaluations(body),
                new Claims(body.path("client_id").asText(""), body.path("username").asText(""),
                        body.path("name").asText(""), body.path("iss").asText("")));
    }

    /** The identity with this id, if the identity set holds it. */
    Optional<Identity> identity(String id) {
        return identities.stream().filter(identity -> identity.id().equals(id)).findFirst();
    }

    private static List<Identity> identities(JsonNode body, String subject) {
        List<Identity> identities = new ArrayList<>();
        for (JsonNode item : body.path("identity_set_detail")) {
            identities.add(new Identity(item.path("sub").asText(""), item.path("username").asText(""),
                    item.path("name").asText(""), item.path("identity_provider").asText(""),
                    item.path("identity_provider_display_name").asText("")));
        }
        if (identities.isEmpty() && !subject.isEmpty()) {
            // Without the identity set, the token's own claims still name its identity.
            identities.add(new Identity(subject, body.path("username").asText(""), body.path("name").asText(""),
                    "", ""));
        }
        return List.copyOf(identities);
    }

    private static Map<String, String> sessionIdentities(JsonNode body) {
        Map<String, String> sessions = new LinkedHashMap<>();
        body.path("session_info").path("authentications").properties().forEach(entry ->
                sessions.put(entry.getKey(), entry.getValue().path("idp").asText("")));
        return Collections.unmodifiableMap(sessions);
    }

    private static Map<String, Boolean> policyEvaluations(JsonNode body) {
        Map<String, Boolean> evaluations = new LinkedHashMap<>();
        body.path("policy_evaluations").properties().forEach(entry ->
                evaluations.put(entry.getKey(), entry.getValue().path("evaluation").asBoolean(false)));
        return Map.copyOf(evaluations);
    }
}
