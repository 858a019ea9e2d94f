package io.inferencegateway.gateway.logs;

import static org.awaitility.Awaitility.await;

import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL a test may stop and start: the JVM's shared embedded server when the tests use one (as CI does), else
 * an embedded server of the test's own. close() leaves a shared server running and accepting connections, since the
 * test classes after this one need it.
 */
final class StoppablePostgres implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final EmbeddedPostgres server;
    private final RunDirectory ownRun;
    private final DatabaseSettings database;

    private StoppablePostgres(EmbeddedPostgres server, RunDirectory ownRun, DatabaseSettings database) {
        this.server = server;
        this.ownRun = ownRun;
        this.database = database;
    }

    static StoppablePostgres acquire() {
        Optional<EmbeddedPostgres> shared = TestServers.embeddedPostgres();
        if (shared.isPresent()) {
            return new StoppablePostgres(shared.get(), null, TestServers.freshDatabase());
        }
        // An external or Docker server is not ours to stop.
        Path target = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");
        RunDirectory run = RunDirectory.create(target, "log-outage");
        try {
            EmbeddedPostgres own = EmbeddedPostgres.start(run);
            return new StoppablePostgres(own, run, TestServers.settings(own.login(), 4));
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** An empty database on this server. */
    DatabaseSettings database() {
        return database;
    }

    void stop() {
        server.stop();
        await().atMost(DEADLINE).until(() -> !acceptsConnections());
    }

    void start() {
        server.start();
        await().atMost(DEADLINE).until(this::acceptsConnections);
    }

    @Override
    public void close() {
        if (ownRun == null) {
            start();
        } else {
            server.close();
            ownRun.close();
        }
    }

    private boolean acceptsConnections() {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password())) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
