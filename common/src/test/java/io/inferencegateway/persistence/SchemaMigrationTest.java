package io.inferencegateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway migrations of common on a real PostgreSQL. */
class SchemaMigrationTest {

    private static DatabaseSettings settings;

    @BeforeAll
    static void migrateAFreshDatabase() {
        settings = TestServers.freshDatabase();
        Database.open(settings, "schema-test").close();
    }

    @Test
    void createsEveryTableOfTheSchema() throws SQLException {
        List<String> tables = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");

        assertThat(tables).contains("clusters", "endpoints", "users", "api_keys", "files", "file_chunks",
                "batches", "batch_lines", "access_logs", "request_logs");
    }

    @Test
    void openingAgainAppliesNothingNew() throws SQLException {
        String history = "SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank";
        List<String> before = strings(history);

        Database.open(settings, "schema-test-again").close();

        assertThat(strings(history)).isEqualTo(before).contains("1:true");
    }

    /** FIRST had no index on batch.user_id, and every "my batches" query scanned the table. */
    @Test
    void everyPerUserTableHasAnIndexLedByUserId() throws SQLException {
        List<String> tables = strings("""
                SELECT DISTINCT t.relname
                FROM pg_index i
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
                WHERE a.attname = 'user_id' AND t.relnamespace = 'public'::regnamespace
                """);

        assertThat(tables).contains("batches", "files", "api_keys", "access_logs");
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.username(),
                settings.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
