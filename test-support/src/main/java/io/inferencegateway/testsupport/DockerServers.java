package io.inferencegateway.testsupport;

import io.inferencegateway.embedded.PostgresLogin;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka in Docker containers. The only class that names Testcontainers types, so that nothing loads
 * them where Docker (or Testcontainers) is absent. Testcontainers' reaper removes the containers when the JVM exits.
 */
final class DockerServers {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private DockerServers() {
    }

    static boolean available() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** A superuser connection to the container's database, for creating test databases. */
    static PostgresLogin startPostgres() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE));
        postgres.start();
        return new PostgresLogin(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    /** The bootstrap servers of a broker in a container. */
    static String startKafka() {
        // The broker the build's clients were made for; share groups need 4.1 or newer.
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_SHARE_MIN_HEARTBEAT_INTERVAL_MS", "500")
                .withEnv("KAFKA_GROUP_SHARE_HEARTBEAT_INTERVAL_MS", "500")
                .withEnv("KAFKA_GROUP_SHARE_MIN_SESSION_TIMEOUT_MS", "6000")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        kafka.start();
        return kafka.getBootstrapServers();
    }
}
