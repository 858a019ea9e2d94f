package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedPostgresTest {

    /**
     * Issue 14: the server trusted every local connection as superuser, so any local user could read prompts and key
     * hashes or run {@code COPY ... PROGRAM}. Every connection now needs a password made for the run, and the
     * gateway's own role is no superuser.
     */
    @Test
    void everyConnectionNeedsAPasswordOfThisRun() throws Exception {
        try (RunDirectory run = RunDirectory.create(Loopback.testRuns(), "postgres-auth");
             EmbeddedPostgres postgres = EmbeddedPostgres.start(run)) {
            PostgresLogin gateway = postgres.login();
            PostgresLogin admin = postgres.adminLogin();
            assertThat(gateway.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(admin.password());
            assertThat(queryString(gateway, "SELECT current_user")).isEqualTo(EmbeddedPostgres.APPLICATION_USER);
            assertThat(queryString(gateway, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                    .isEqualTo("false");
            assertThat(queryString(admin, "SELECT current_user")).isEqualTo(EmbeddedPostgres.SUPERUSER);

            for (String user : new String[] {EmbeddedPostgres.SUPERUSER, EmbeddedPostgres.APPLICATION_USER}) {
                for (String password : new String[] {"", "wrong", gateway.password() + "x"}) {
                    assertThatThrownBy(() -> connect(new PostgresLogin(gateway.jdbcUrl(), user, password))
                            .close()).as("%s with password '%s'", user, password)
                            .isInstanceOf(SQLException.class);
                }
            }
            assertThatThrownBy(() -> execute(gateway, "COPY (SELECT 1) TO PROGRAM 'true'"))
                    .hasMessageContaining("permission denied");
            String hba = Files.readString(postgres.directory().resolve("data").resolve("pg_hba.conf"));
            assertThat(hba.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                    .isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));

            postgres.stop();
            postgres.start();
            assertThat(queryString(gateway, "SELECT current_user")).as("after a restart")
                    .isEqualTo(EmbeddedPostgres.APPLICATION_USER);
        }
    }

    @Test
    void keepsCommittedRowsAcrossStopAndStart() throws Exception {
        try (RunDirectory run = RunDirectory.create(Loopback.testRuns(), "postgres-restart");
             EmbeddedPostgres postgres = EmbeddedPostgres.start(run)) {
            PostgresLogin gateway = postgres.login();
            assertThat(gateway.jdbcUrl()).endsWith("/" + EmbeddedPostgres.DATABASE);
            execute(gateway, "CREATE TABLE kept (id INT PRIMARY KEY, note TEXT)");
            execute(gateway, "INSERT INTO kept VALUES (1, 'written before the stop')");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> !Loopback.acceptsConnections(postgres.port()));

            postgres.start();
            assertThat(queryString(gateway, "SELECT note FROM kept WHERE id = 1")).isEqualTo("written before the stop");
            assertThat(queryString(gateway, "SHOW server_version")).startsWith("17.");
        }
    }

    @Test
    void namesTheServerProcessThatConnectionsRunUnder() throws Exception {
        try (RunDirectory run = RunDirectory.create(Loopback.testRuns(), "postgres-pid");
             EmbeddedPostgres postgres = EmbeddedPostgres.start(run)) {
            // The query's backend process is gone once its connection closes; ask for the parent while it lives.
            try (Connection connection = connect(postgres.login());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                assertThat(rows.next()).isTrue();
                long parent = ProcessHandle.of(rows.getLong(1)).flatMap(ProcessHandle::parent)
                        .map(ProcessHandle::pid).orElseThrow();
                assertThat(postgres.serverPid()).hasValue(parent);
            }

            postgres.stop();
            assertThat(postgres.serverPid()).isEmpty();
        }
    }

    private static void execute(PostgresLogin settings, String sql) throws SQLException {
        try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(PostgresLogin settings, String sql) throws SQLException {
        try (Connection connection = connect(settings);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static Connection connect(PostgresLogin settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
    }
}
