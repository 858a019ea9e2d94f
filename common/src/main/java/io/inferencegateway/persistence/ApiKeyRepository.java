package io.inferencegateway.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.inferencegateway.access.ApiKeys;
import io.inferencegateway.access.User;
import io.inferencegateway.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Users and their API keys. Keys are stored hashed; the plain key exists only in what {@link #create} returns. */
public final class ApiKeyRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final DataSource dataSource;

    public ApiKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A key that was just issued. */
    public record IssuedKey(UUID id, String key) {
    }

    /**
     * What an admin may see of a stored key: never the key or its hash.
     *
     * @param prefix    the key's first characters, to recognise it
     * @param expiresAt empty when the key never expires
     * @param revokedAt empty while the key is active
     */
    public record KeyInfo(UUID id, String userId, String name, String prefix, Instant createdAt,
                          Optional<Instant> expiresAt, Optional<Instant> revokedAt) {
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
     * the same value keeps its id.
     */
    public IssuedKey register(User user, String keyName, String key) {
        Optional<UUID> existing = Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
                query.setString(1, ApiKeys.hash(key));
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.<UUID>empty();
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
                    INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix, groups, domain, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setString(2, user.id());
                insert.setString(3, keyName == null ? "" : keyName);
                insert.setString(4, ApiKeys.hash(key));
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
                    SELECT u.id, u.name, u.username, u.idp_id, u.idp_name, k.groups, k.domain
                    FROM api_keys k JOIN users u ON u.id = k.user_id
                    WHERE k.key_hash = ? AND k.revoked_at IS NULL
                      AND (k.expires_at IS NULL OR k.expires_at > now())""")) {
                query.setString(1, ApiKeys.hash(key));
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new User(rows.getString("id"), rows.getString("name"),
                            rows.getString("username"),
                            Json.MAPPER.convertValue(Json.read(rows.getString("groups")), STRINGS),
                            rows.getString("domain"), rows.getString("idp_id"), rows.getString("idp_name"),
                            "api_key"));
                }
            }
        });
    }

    /** Revokes a key by id; true if an active key was revoked. */
    public boolean revoke(UUID keyId) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
                update.setObject(1, keyId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Every key, or the keys of one user, oldest first; revoked and expired keys included. */
    public List<KeyInfo> list(Optional<String> userId) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT id, user_id, name, key_prefix, created_at, expires_at, revoked_at FROM api_keys
                    WHERE ?::varchar IS NULL OR user_id = ? ORDER BY created_at, id""")) {
                query.setString(1, userId.orElse(null));
                query.setString(2, userId.orElse(null));
                List<KeyInfo> keys = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new KeyInfo(rows.getObject("id", UUID.class), rows.getString("user_id"),
                                rows.getString("name"), rows.getString("key_prefix"),
                                rows.getTimestamp("created_at").toInstant(), instant(rows, "expires_at"),
                                instant(rows, "revoked_at")));
                    }
                }
                return keys;
            }
        });
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws java.sql.SQLException {
        return Optional.ofNullable(rows.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private void upsertUser(User user) {
        Sql.withConnection(dataSource, connection -> {
            upsertUser(connection, user);
            return null;
        });
    }

    private static void upsertUser(java.sql.Connection connection, User user) throws java.sql.SQLException {
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
