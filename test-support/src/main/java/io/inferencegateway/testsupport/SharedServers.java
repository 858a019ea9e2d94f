package io.inferencegateway.testsupport;

import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.PostgresAdmin;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.embedded.PostgresLogin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL and one Kafka for all the tests of a JVM: the environment's (GATEWAY_TEST_DB_URL, _USER, _PASSWORD;
 * GATEWAY_TEST_KAFKA_BOOTSTRAP_SERVERS), else Docker through Testcontainers, else embedded ones. Each starts on first
 * use; embedded servers stop, and their files under target/ go, when the JVM exits.
 *
 * <p>Tests share the servers, not the data: {@link #freshDatabase()} gives every caller an empty database, and a test
 * that writes to Kafka should use topics of its own (e.g. a {@code Topics} with a unique prefix).
 *
 * <p>It answers in plain values ({@link PostgresLogin}, bootstrap servers), so that it depends on none of the
 * project's modules and every module's tests may use it; {@code common}'s test jar turns them into the gateway's
 * settings ({@code io.inferencegateway.testing.TestServers}).
 */
public final class SharedServers {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServers.class);
    private static final String RUN_PREFIX = "test-servers";

    // The per-JVM singleton is the point of this class: starting a server per test class would cost seconds each.
    private static SharedServers instance;

    private final Map<String, String> env;
    private final TestServerChoice choice;
    private RunDirectory runDirectory;
    private PostgresLogin adminDatabase;
    private EmbeddedPostgres embeddedPostgres;
    private String kafka;
    private EmbeddedKafka embeddedKafka;

    private SharedServers(Map<String, String> env) {
        this.env = env;
        this.choice = TestServerChoice.decide(env, new DockerProbe(env));
        LOG.info(choice.describe(env));
    }

    /** A new, empty database on the test PostgreSQL server. */
    public static PostgresLogin freshDatabase() {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        return PostgresAdmin.createDatabase(get().adminDatabase(), name);
    }

    /** The test Kafka cluster's bootstrap servers. */
    public static String kafkaBootstrapServers() {
        return get().kafkaBootstrap();
    }

    /** The embedded PostgreSQL, started if need be, when that is what this JVM uses: tests may stop and restart it. */
    public static Optional<EmbeddedPostgres> embeddedPostgres() {
        SharedServers servers = get();
        if (servers.choice.database() != ServerSource.EMBEDDED) {
            return Optional.empty();
        }
        servers.adminDatabase();
        return Optional.of(servers.embeddedPostgres);
    }

    /** The embedded Kafka, started if need be, when that is what this JVM uses: tests may stop and restart it. */
    public static Optional<EmbeddedKafka> embeddedKafka() {
        SharedServers servers = get();
        if (servers.choice.kafka() != ServerSource.EMBEDDED) {
            return Optional.empty();
        }
        servers.kafkaBootstrap();
        return Optional.of(servers.embeddedKafka);
    }

    public static ServerSource databaseSource() {
        return get().choice.database();
    }

    public static ServerSource kafkaSource() {
        return get().choice.kafka();
    }

    private static synchronized SharedServers get() {
        if (instance == null) {
            instance = new SharedServers(System.getenv());
        }
        return instance;
    }

    private synchronized PostgresLogin adminDatabase() {
        if (adminDatabase == null) {
            adminDatabase = switch (choice.database()) {
                case ENVIRONMENT -> new PostgresLogin(env.get(TestServerChoice.DB_URL),
                        env.getOrDefault(TestServerChoice.DB_USER, "postgres"),
                        env.getOrDefault(TestServerChoice.DB_PASSWORD, ""));
                case DOCKER -> DockerServers.startPostgres();
                case EMBEDDED -> {
                    embeddedPostgres = EmbeddedPostgres.start(runDirectory());
                    yield embeddedPostgres.adminLogin();
                }
            };
        }
        return adminDatabase;
    }

    private synchronized String kafkaBootstrap() {
        if (kafka == null) {
            kafka = switch (choice.kafka()) {
                case ENVIRONMENT -> env.get(TestServerChoice.KAFKA_BOOTSTRAP_SERVERS);
                case DOCKER -> DockerServers.startKafka();
                case EMBEDDED -> {
                    embeddedKafka = EmbeddedKafka.start(runDirectory());
                    yield embeddedKafka.bootstrapServers();
                }
            };
        }
        return kafka;
    }

    private synchronized RunDirectory runDirectory() {
        if (runDirectory == null) {
            List<Path> abandoned = RunDirectory.removeAbandoned(buildDirectory(), RUN_PREFIX);
            if (!abandoned.isEmpty()) {
                LOG.warn("Removed run directories left by killed test JVMs: {}", abandoned);
            }
            // Its shutdown hook stops the embedded servers and removes their files when the JVM exits.
            runDirectory = RunDirectory.create(buildDirectory(), RUN_PREFIX);
        }
        return runDirectory;
    }

    /** The module's target/ (Surefire runs tests in the module directory and sets {@code basedir}). */
    static Path buildDirectory() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return module.resolve("target");
    }
}
