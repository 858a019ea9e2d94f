package io.inferencegateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.Sha256;
import io.inferencegateway.access.User;
import io.inferencegateway.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: keys were stored as unkeyed SHA-256 and listed with twelve characters. They are now stored under the
 * deployment's secret, shown with four characters after the prefix, and a database upgraded from before keeps its
 * keys working.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiKeyStorageTest {

    private static final ApiKeyHasher HASHER = new ApiKeyHasher("storage-test-secret-0123456789abcdef");
    private static final User ALICE = new User("alice", "Alice", "alice@anl.gov", List.of(), "anl.gov", "", "",
            "api_key");

    @Test
    void aLeakedTableCannotBeMatchedAgainstAGuessedKey() throws SQLException {
        DatabaseSettings settings = TestServers.freshDatabase();
        try (Database database = Database.open(settings, "key-storage")) {
            String key = new ApiKeyRepository(database.dataSource(), HASHER).create(ALICE, "laptop", null).key();

            Row row = row(settings, "alice");
            assertThat(row.hash()).isEqualTo(HASHER.hash(key)).isNotEqualTo(Sha256.hex(key));
            assertThat(row.scheme()).isEqualTo("hmac-sha256");
            assertThat(row.prefix()).isEqualTo(key.substring(0, 8));
        }
    }

    @Test
    void keysStoredBeforeTheUpgradeStillWorkAndAreRewrittenAtTheirNextUse() throws SQLException {
        DatabaseSettings settings = TestServers.freshDatabase();
        Flyway.configure().dataSource(settings.jdbcUrl(), settings.username(), settings.password())
                .locations("classpath:db/migration").target("4").load().migrate();
        String key = "igw-" + "k".repeat(43);
        execute(settings, "INSERT INTO users (id, name, username, idp_id, idp_name, auth_service) "
                + "VALUES ('bob', 'Bob', 'bob@anl.gov', '', '', 'api_key')");
        execute(settings, "INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix) VALUES "
                + "(gen_random_uuid(), 'bob', 'old', '" + Sha256.hex(key) + "', '" + key.substring(0, 12) + "')");

        try (Database database = Database.open(settings, "key-upgrade")) {
            ApiKeyRepository keys = new ApiKeyRepository(database.dataSource(), HASHER);
            StoredApiKeys stored = new StoredApiKeys(database.dataSource());
            assertThat(row(settings, "bob").prefix()).isEqualTo("igw-kkkk");
            assertThat(stored.legacyHashedKeys()).isEqualTo(1);
            assertThat(stored.list(Optional.of("bob"))).singleElement()
                    .satisfies(info -> assertThat(info.legacyHash()).isTrue());

            assertThat(keys.findUser(key)).hasValueSatisfying(user -> assertThat(user.id()).isEqualTo("bob"));

            Row rewritten = row(settings, "bob");
            assertThat(rewritten.hash()).isEqualTo(HASHER.hash(key));
            assertThat(rewritten.scheme()).isEqualTo("hmac-sha256");
            assertThat(stored.legacyHashedKeys()).isZero();
            assertThat(keys.findUser(key)).isPresent();
            assertThat(keys.findUser("igw-" + "k".repeat(42) + "x")).isEmpty();
        }
    }

    @Test
    void aProcessWithAnotherSecretIsRefused() {
        try (Database database = Database.open(TestServers.freshDatabase(), "key-secret")) {
            KeyHashSecret.verify(database.dataSource(), HASHER);
            KeyHashSecret.verify(database.dataSource(), HASHER);

            assertThatThrownBy(() -> KeyHashSecret.verify(database.dataSource(),
                    new ApiKeyHasher("another-secret-0123456789abcdef-0123")))
                    .hasMessageStartingWith("GATEWAY_KEY_HASH_SECRET is not the secret this database's API keys "
                            + "are hashed under");
        }
    }

    @Test
    void aChosenKeyMustFollowTheRule() {
        try (Database database = Database.open(TestServers.freshDatabase(), "key-rule")) {
            ApiKeyRepository keys = new ApiKeyRepository(database.dataSource(), HASHER);

            assertThatThrownBy(() -> keys.register(ALICE, "dev", "igw-short"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 characters");
            String chosen = "igw-" + "c".repeat(32);
            assertThat(keys.register(ALICE, "dev", chosen).id()).isEqualTo(keys.register(ALICE, "dev", chosen).id());
        }
    }

    private record Row(String hash, String scheme, String prefix) {
    }

    private static Row row(DatabaseSettings settings, String userId) throws SQLException {
        try (Connection connection = connect(settings); PreparedStatement query = connection.prepareStatement(
                "SELECT key_hash, hash_scheme, key_prefix FROM api_keys WHERE user_id = ?")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return new Row(rows.getString(1), rows.getString(2), rows.getString(3));
            }
        }
    }

    private static void execute(DatabaseSettings settings, String sql) throws SQLException {
        try (Connection connection = connect(settings)) {
            connection.createStatement().execute(sql);
        }
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
    }
}
