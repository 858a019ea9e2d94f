package io.inferencegateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.embedded.PostgresLogin;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class SharedServersTest {

    @Test
    void everyFreshDatabaseIsNewAndEmpty() throws SQLException {
        PostgresLogin first = SharedServers.freshDatabase();
        PostgresLogin second = SharedServers.freshDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_first (id INT)");
        }
        assertThat(publicTables(first)).isEqualTo(1);
        assertThat(publicTables(second)).isZero();
    }

    @Test
    void kafkaAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedServers.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    @Test
    void embeddedInstancesAreOfferedExactlyWhenEmbeddedServersWereChosen() {
        assertThat(SharedServers.embeddedPostgres().isPresent())
                .isEqualTo(SharedServers.databaseSource() == ServerSource.EMBEDDED);
        assertThat(SharedServers.embeddedKafka().isPresent())
                .isEqualTo(SharedServers.kafkaSource() == ServerSource.EMBEDDED);
        SharedServers.embeddedKafka().ifPresent(kafka ->
                assertThat(SharedServers.kafkaBootstrapServers()).isEqualTo(kafka.bootstrapServers()));
    }

    private static int publicTables(PostgresLogin settings) throws SQLException {
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
