package io.inferencegateway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.validation.RequestParser;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.StoredApiKeys;
import io.inferencegateway.text.Excerpt;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys from the operator's console, as {@code bin/admin keys} manages them (common's {@link StoredApiKeys} and
 * {@link ApiKeyRepository}): listed without secrets, created (the key shown once), revoked. Each change is logged
 * with the operator who made it, never with the key.
 */
public final class KeyAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(KeyAdministration.class);
    static final int MAX_ID = 100;
    static final int MAX_TEXT = 200;
    static final int MAX_GROUPS = 50;
    static final int MAX_DAYS = 3650;

    private final StoredApiKeys stored;
    private final ApiKeyRepository repository;
    private final RequestParser parser;

    public KeyAdministration(StoredApiKeys stored, ApiKeyRepository repository, RequestParser parser) {
        this.stored = stored;
        this.repository = repository;
        this.parser = parser;
    }

    void list(Context ctx) {
        String userId = ctx.queryParam("user_id");
        if (userId != null && (userId.isBlank() || userId.length() > MAX_ID)) {
            throw ApiException.badRequest("invalid_value", "'user_id' must be 1 to " + MAX_ID + " characters.",
                    "user_id");
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        for (StoredApiKeys.KeyInfo key : stored.list(Optional.ofNullable(userId))) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", key.id().toString());
            json.put("user_id", key.userId());
            json.put("name", key.name());
            json.put("prefix", key.prefix());
            json.put("created_at", key.createdAt().getEpochSecond());
            json.put("expires_at", key.expiresAt().map(Instant::getEpochSecond).orElse(null));
            json.put("revoked_at", key.revokedAt().map(Instant::getEpochSecond).orElse(null));
            keys.add(json);
        }
        JsonResponses.ok(ctx, Map.of("object", "list", "data", keys));
    }

    void create(Context ctx) {
        ObjectNode body = parser.parseObject(ctx.header("Content-Type"), ctx.bodyAsBytes());
        String userId = text(body, "user_id", MAX_ID, true);
        String name = text(body, "name", MAX_TEXT, false);
        String keyName = text(body, "key_name", MAX_TEXT, false);
        List<String> groups = groups(body.get("groups"));
        Instant expiresAt = expiry(body.get("expires_in_days"));
        User user = new User(userId, name, "", groups, "", "", "", "api_key");
        ApiKeyRepository.IssuedKey issued = repository.create(user, keyName, expiresAt);
        LOG.info("Operator {} created API key {} for user {}", AuthenticationFilter.user(ctx).id(), issued.id(),
                userId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", issued.id().toString());
        json.put("key", issued.key());
        json.put("user_id", userId);
        json.put("expires_at", expiresAt == null ? null : expiresAt.getEpochSecond());
        ctx.status(201);
        JsonResponses.ok(ctx, json);
    }

    void revoke(Context ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("key_id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_value", "'" + Excerpt.of(ctx.pathParam("key_id"))
                    + "' is not a key id.", "key_id");
        }
        if (!stored.revoke(id)) {
            throw ApiException.notFound("key_not_found", "No active key has the id " + id + ".");
        }
        LOG.info("Operator {} revoked API key {}", AuthenticationFilter.user(ctx).id(), id);
        JsonResponses.ok(ctx, Map.of("id", id.toString(), "revoked", true));
    }

    private static String text(ObjectNode body, String field, int max, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiException.badRequest("missing_required_parameter", "'" + field + "' is required.", field);
            }
            return "";
        }
        if (!node.isTextual() || node.asText().length() > max || (required && node.asText().isBlank())) {
            throw ApiException.badRequest("invalid_value", "'" + field + "' must be a string of " + (required ? 1 : 0)
                    + " to " + max + " characters.", field);
        }
        return node.asText().strip();
    }

    private static List<String> groups(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_GROUPS) {
            throw ApiException.badRequest("invalid_value", "'groups' must be a list of at most " + MAX_GROUPS
                    + " group ids.", "groups");
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode group : node) {
            if (!group.isTextual() || group.asText().isBlank() || group.asText().length() > MAX_TEXT) {
                throw ApiException.badRequest("invalid_value", "Each of 'groups' must be a string of 1 to "
                        + MAX_TEXT + " characters.", "groups");
            }
            groups.add(group.asText().strip());
        }
        return groups;
    }

    private static Instant expiry(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > MAX_DAYS) {
            throw ApiException.badRequest("invalid_value", "'expires_in_days' must be a whole number from 1 to "
                    + MAX_DAYS + ".", "expires_in_days");
        }
        return Instant.now().plus(Duration.ofDays(node.asInt()));
    }
}
