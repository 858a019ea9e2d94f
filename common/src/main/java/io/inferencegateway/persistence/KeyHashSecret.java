package io.inferencegateway.persistence;

import io.inferencegateway.access.ApiKeyHasher;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * Makes sure every process that issues or checks API keys hashes them under the same secret: the first to start
 * records its secret's fingerprint, and one with another secret is refused. Without this, a gateway-admin run with a
 * different secret would issue keys no gateway accepts, and a gateway started with a new secret would refuse them all.
 */
public final class KeyHashSecret {

    private KeyHashSecret() {
    }

    /** Records {@code hasher}'s fingerprint if none is, or throws if another one is. */
    public static void verify(DataSource dataSource, ApiKeyHasher hasher) {
        String recorded = Sql.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_key_hash_secret (id, fingerprint) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, hasher.fingerprint());
                insert.executeUpdate();
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT fingerprint FROM api_key_hash_secret WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        });
        if (!recorded.equals(hasher.fingerprint())) {
            throw new IllegalStateException(ApiKeyHasher.VARIABLE + " is not the secret this database's API keys "
                    + "are hashed under: every gateway-http and gateway-admin of a deployment needs the same one. Set "
                    + "the secret the keys were issued with. If it is lost, no stored key can be checked any more: "
                    + "issue new keys after deleting the old ones and the row of api_key_hash_secret.");
        }
    }
}
