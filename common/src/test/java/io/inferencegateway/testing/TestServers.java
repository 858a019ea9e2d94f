package io.inferencegateway.testing;

import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.PostgresLogin;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.testsupport.ServerSource;
import io.inferencegateway.testsupport.SharedServers;
import java.util.Optional;

/**
 * The tests' PostgreSQL and Kafka ({@link SharedServers}: the environment's, Docker's or embedded ones) in the
 * gateway's own settings types. In common's test jar, so that every module's tests reach the servers the same way.
 */
public final class TestServers {

    private static final int DEFAULT_POOL_SIZE = 4;

    private TestServers() {
    }

    /** A new, empty database on the test PostgreSQL server, with a small pool. */
    public static DatabaseSettings freshDatabase() {
        return freshDatabase(DEFAULT_POOL_SIZE);
    }

    /** A new, empty database on the test PostgreSQL server. */
    public static DatabaseSettings freshDatabase(int poolSize) {
        return settings(SharedServers.freshDatabase(), poolSize);
    }

    /** A login as settings with a pool of {@code poolSize}. */
    public static DatabaseSettings settings(PostgresLogin login, int poolSize) {
        return new DatabaseSettings(login.jdbcUrl(), login.username(), login.password(), poolSize);
    }

    /** The test Kafka cluster. */
    public static KafkaSettings kafka() {
        return new KafkaSettings(SharedServers.kafkaBootstrapServers(), "test");
    }

    /** The embedded PostgreSQL, when that is what this JVM uses: tests may stop and restart it. */
    public static Optional<EmbeddedPostgres> embeddedPostgres() {
        return SharedServers.embeddedPostgres();
    }

    /** The embedded Kafka, when that is what this JVM uses: tests may stop and restart it. */
    public static Optional<EmbeddedKafka> embeddedKafka() {
        return SharedServers.embeddedKafka();
    }

    public static ServerSource databaseSource() {
        return SharedServers.databaseSource();
    }

    public static ServerSource kafkaSource() {
        return SharedServers.kafkaSource();
    }
}
