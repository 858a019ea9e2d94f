package io.inferencegateway.embedded.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class TestServersTest {

    @Test
    void everyFreshDatabaseIsNewAndEmpty() throws SQLException {
        DatabaseSettings first = TestServers.freshDatabase();
        DatabaseSettings second = TestServers.freshDatabase(2);

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        assertThat(second.maxPoolSize()).isEqualTo(2);
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_first (id INT)");
        }
        assertThat(publicTables(first)).isEqualTo(1);
        assertThat(publicTables(second)).isZero();
    }

    @Test
    void kafkaAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestServers.kafka().bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    @Test
    void embeddedInstancesAreOfferedExactlyWhenEmbeddedServersWereChosen() {
        assertThat(TestServers.embeddedPostgres().isPresent())
                .isEqualTo(TestServers.databaseSource() == ServerSource.EMBEDDED);
        assertThat(TestServers.embeddedKafka().isPresent())
                .isEqualTo(TestServers.kafkaSource() == ServerSource.EMBEDDED);
        TestServers.embeddedKafka().ifPresent(kafka ->
                assertThat(TestServers.kafka().bootstrapServers()).isEqualTo(kafka.bootstrapServers()));
    }

    private static int publicTables(DatabaseSettings settings) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.username(),
                settings.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
