package io.inferencegateway.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.ApiKeys;
import io.inferencegateway.access.User;
import io.inferencegateway.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Users and their API keys. Keys are stored as {@link ApiKeyHasher} hashes; the plain key exists only in what
 * {@link #create} returns. Rows from before keys were keyed ({@code hash_scheme 'sha256'}) still authenticate, and
 * are rewritten with the keyed hash the first time their key is presented.
 */
public final class ApiKeyRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String KEYED = "hmac-sha256";
    static final String LEGACY = "sha256";
    /** Active keys by either form of their hash; a row says which form it holds. */
    private static final String BY_HASH = "((k.key_hash = ? AND k.hash_scheme = '" + KEYED + "') OR "
            + "(k.key_hash = ? AND k.hash_scheme = '" + LEGACY + "')) AND k.revoked_at IS NULL";

    private final DataSource dataSource;
    private final ApiKeyHasher hasher;

    public ApiKeyRepository(DataSource dataSource, ApiKeyHasher hasher) {
        this.dataSource = dataSource;
        this.hasher = hasher;
    }

    /** A key that was just issued. */
    public record IssuedKey(UUID id, String key) {
    }

    /**
     * Creates or updates the user, then issues a new key for them. Blank name, username and identity-provider
     * fields leave a known user's stored values as they are.
     */
    public IssuedKey create(User user, String keyName, Instant expiresAt) {
        return store(user, keyName, ApiKeys.generate(), expiresAt);
    }

    /**
     * Registers a key chosen by the operator (the development key), idempotently: an existing active key with
     * the same value keeps its id. A key that breaks {@link ApiKeys#requireWellChosen}'s rule is refused.
     */
    public IssuedKey register(User user, String keyName, String key) {
        ApiKeys.requireWellChosen(key, "A chosen API key");
        Optional<UUID> existing = Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT k.id, k.hash_scheme FROM api_keys k WHERE " + BY_HASH)) {
                bindHashes(query, key);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<UUID>empty();
                    }
                    UUID id = rows.getObject(1, UUID.class);
                    keepKeyed(connection, id, rows.getString(2), key);
                    return Optional.of(id);
                }
            }
        });
        if (existing.isPresent()) {
            upsertUser(user);
            return new IssuedKey(existing.get(), key);
        }
        return store(user, keyName, key, null);
    }

    private IssuedKey store(User user, String keyName, String key, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        Sql.inTransaction(dataSource, connection -> {
            upsertUser(connection, user);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix, groups, domain, expires_at,
                                          hash_scheme)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, '""" + KEYED + "')")) {
                insert.setObject(1, id);
                insert.setString(2, user.id());
                insert.setString(3, keyName == null ? "" : keyName);
                insert.setString(4, hasher.hash(key));
                insert.setString(5, ApiKeys.displayPrefix(key));
                insert.setString(6, Json.write(user.groups()));
                insert.setString(7, user.domain());
                insert.setTimestamp(8, expiresAt == null ? null : Timestamp.from(expiresAt));
                insert.executeUpdate();
            }
            return null;
        });
        return new IssuedKey(id, key);
    }

    /** The user a key belongs to, if the key exists, is not revoked and has not expired. */
    public Optional<User> findUser(String key) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT k.id AS key_id, k.hash_scheme, u.id, u.name, u.username, u.idp_id, u.idp_name, k.groups,
                           k.domain
                    FROM api_keys k JOIN users u ON u.id = k.user_id
                    WHERE\s""" + BY_HASH + " AND (k.expires_at IS NULL OR k.expires_at > now())")) {
                bindHashes(query, key);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    keepKeyed(connection, rows.getObject("key_id", UUID.class), rows.getString("hash_scheme"), key);
                    return Optional.of(new User(rows.getString("id"), rows.getString("name"),
                            rows.getString("username"),
                            Json.MAPPER.convertValue(Json.read(rows.getString("groups")), STRINGS),
                            rows.getString("domain"), rows.getString("idp_id"), rows.getString("idp_name"),
                            "api_key"));
                }
            }
        });
    }

    private void bindHashes(PreparedStatement query, String key) throws SQLException {
        query.setString(1, hasher.hash(key));
        query.setString(2, hasher.legacyHash(key));
    }

    /** Rewrites a row found by its unkeyed hash with the keyed one: the key is at hand only now. */
    private void keepKeyed(Connection connection, UUID id, String scheme, String key) throws SQLException {
        if (!LEGACY.equals(scheme)) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE api_keys SET key_hash = ?, "
                + "hash_scheme = '" + KEYED + "' WHERE id = ? AND hash_scheme = '" + LEGACY + "'")) {
            update.setString(1, hasher.hash(key));
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private void upsertUser(User user) {
        Sql.withConnection(dataSource, connection -> {
            upsertUser(connection, user);
            return null;
        });
    }

    private static void upsertUser(Connection connection, User user) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO users (id, name, username, idp_id, idp_name, auth_service) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = COALESCE(NULLIF(excluded.name, ''), users.name),
                    username = COALESCE(NULLIF(excluded.username, ''), users.username),
                    idp_id = COALESCE(NULLIF(excluded.idp_id, ''), users.idp_id),
                    idp_name = COALESCE(NULLIF(excluded.idp_name, ''), users.idp_name),
                    auth_service = excluded.auth_service""")) {
            upsert.setString(1, user.id());
            upsert.setString(2, user.name());
            upsert.setString(3, user.username());
            upsert.setString(4, user.idpId());
            upsert.setString(5, user.idpName());
            upsert.setString(6, user.authService().isEmpty() ? "api_key" : user.authService());
            upsert.executeUpdate();
        }
    }
}
