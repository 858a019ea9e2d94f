package io.inferencegateway.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What an admin does with stored API keys without the keys themselves: list and revoke them. Nothing here hashes a
 * key, so it needs no secret; issuing and checking keys is {@link ApiKeyRepository}'s.
 */
public final class StoredApiKeys {

    private final DataSource dataSource;

    public StoredApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What an admin may see of a stored key: never the key or its hash.
     *
     * @param prefix     {@code igw-} and the key's next four characters, to recognise it
     * @param expiresAt  empty when the key never expires
     * @param revokedAt  empty while the key is active
     * @param legacyHash whether the row still holds the unkeyed SHA-256 of before (until the key is next used)
     */
    public record KeyInfo(UUID id, String userId, String name, String prefix, Instant createdAt,
                          Optional<Instant> expiresAt, Optional<Instant> revokedAt, boolean legacyHash) {
    }

    /** Active keys whose rows still hold the unkeyed SHA-256 of before: each is rewritten at its next use. */
    public long legacyHashedKeys() {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM api_keys WHERE "
                    + "hash_scheme = '" + ApiKeyRepository.LEGACY + "' AND revoked_at IS NULL "
                    + "AND (expires_at IS NULL OR expires_at > now())");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
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
                    SELECT id, user_id, name, key_prefix, created_at, expires_at, revoked_at, hash_scheme
                    FROM api_keys
                    WHERE ?::varchar IS NULL OR user_id = ? ORDER BY created_at, id""")) {
                query.setString(1, userId.orElse(null));
                query.setString(2, userId.orElse(null));
                List<KeyInfo> keys = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new KeyInfo(rows.getObject("id", UUID.class), rows.getString("user_id"),
                                rows.getString("name"), rows.getString("key_prefix"),
                                rows.getTimestamp("created_at").toInstant(), instant(rows, "expires_at"),
                                instant(rows, "revoked_at"),
                                ApiKeyRepository.LEGACY.equals(rows.getString("hash_scheme"))));
                    }
                }
                return keys;
            }
        });
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
