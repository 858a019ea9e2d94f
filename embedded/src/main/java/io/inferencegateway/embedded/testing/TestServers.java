package io.inferencegateway.embedded.testing;

import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.PostgresAdmin;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.persistence.DatabaseSettings;
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
 */
public final class TestServers {

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);
    private static final int DEFAULT_POOL_SIZE = 4;
    private static final String RUN_PREFIX = "test-servers";

    // The per-JVM singleton is the point of this class: starting a server per test class would cost seconds each.
    private static TestServers instance;

    private final Map<String, String> env;
    private final TestServerChoice choice;
    private RunDirectory runDirectory;
    private DatabaseSettings adminDatabase;
    private EmbeddedPostgres embeddedPostgres;
    private KafkaSettings kafka;
    private EmbeddedKafka embeddedKafka;

    private TestServers(Map<String, String> env) {
        this.env = env;
        this.choice = TestServerChoice.decide(env, new DockerProbe(env));
        LOG.info(choice.describe(env));
    }

    /** A new, empty database on the test PostgreSQL server, with a small pool. */
    public static DatabaseSettings freshDatabase() {
        return freshDatabase(DEFAULT_POOL_SIZE);
    }

    /** A new, empty database on the test PostgreSQL server. */
    public static DatabaseSettings freshDatabase(int poolSize) {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        return PostgresAdmin.createDatabase(get().adminDatabase(), name, poolSize);
    }

    /** The test Kafka cluster. */
    public static KafkaSettings kafka() {
        return get().kafkaSettings();
    }

    /** The embedded PostgreSQL, started if need be, when that is what this JVM uses: tests may stop and restart it. */
    public static Optional<EmbeddedPostgres> embeddedPostgres() {
        TestServers servers = get();
        if (servers.choice.database() != ServerSource.EMBEDDED) {
            return Optional.empty();
        }
        servers.adminDatabase();
        return Optional.of(servers.embeddedPostgres);
    }

    /** The embedded Kafka, started if need be, when that is what this JVM uses: tests may stop and restart it. */
    public static Optional<EmbeddedKafka> embeddedKafka() {
        TestServers servers = get();
        if (servers.choice.kafka() != ServerSource.EMBEDDED) {
            return Optional.empty();
        }
        servers.kafkaSettings();
        return Optional.of(servers.embeddedKafka);
    }

    public static ServerSource databaseSource() {
        return get().choice.database();
    }

    public static ServerSource kafkaSource() {
        return get().choice.kafka();
    }

    private static synchronized TestServers get() {
        if (instance == null) {
            instance = new TestServers(System.getenv());
        }
        return instance;
    }

    private synchronized DatabaseSettings adminDatabase() {
        if (adminDatabase == null) {
            adminDatabase = switch (choice.database()) {
                case ENVIRONMENT -> new DatabaseSettings(env.get(TestServerChoice.DB_URL),
                        env.getOrDefault(TestServerChoice.DB_USER, "postgres"),
                        env.getOrDefault(TestServerChoice.DB_PASSWORD, ""), 1);
                case DOCKER -> DockerServers.startPostgres();
                case EMBEDDED -> {
                    embeddedPostgres = EmbeddedPostgres.start(runDirectory());
                    yield embeddedPostgres.adminSettings();
                }
            };
        }
        return adminDatabase;
    }

    private synchronized KafkaSettings kafkaSettings() {
        if (kafka == null) {
            kafka = switch (choice.kafka()) {
                case ENVIRONMENT -> new KafkaSettings(env.get(TestServerChoice.KAFKA_BOOTSTRAP_SERVERS), "test");
                case DOCKER -> DockerServers.startKafka();
                case EMBEDDED -> {
                    embeddedKafka = EmbeddedKafka.start(runDirectory());
                    yield new KafkaSettings(embeddedKafka.bootstrapServers(), "test");
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
