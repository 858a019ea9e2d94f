package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CleanShutdownTest {

    private static final Logger LOG = LoggerFactory.getLogger(CleanShutdownTest.class);

    @Test
    void closingLeavesNoFilesAndNoListeningPorts() {
        long rssBefore = Loopback.residentMebibytes();
        RunDirectory run = RunDirectory.create(Loopback.testRuns(), "clean-shutdown");
        long postgresStart = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(run);
        long kafkaStart = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(run);
        long ready = System.nanoTime();
        LOG.info("Figures: PostgreSQL started in {} ms, Kafka in {} ms; JVM RSS {} MiB before, {} MiB with both",
                (kafkaStart - postgresStart) / 1_000_000, (ready - kafkaStart) / 1_000_000,
                rssBefore, Loopback.residentMebibytes());
        Path postgresFiles = postgres.directory();
        Path kafkaFiles = kafka.logDirectory();
        assertThat(postgresFiles).isDirectory();
        assertThat(kafkaFiles).isDirectory();
        assertThat(Loopback.acceptsConnections(postgres.port())).isTrue();
        assertThat(Loopback.acceptsConnections(kafka.port())).isTrue();

        postgres.close();
        kafka.close();
        assertThat(postgresFiles).doesNotExist();
        assertThat(kafkaFiles).doesNotExist();
        run.close();

        assertThat(run.path()).doesNotExist();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Loopback.acceptsConnections(postgres.port())).as("PostgreSQL port").isFalse();
            assertThat(Loopback.acceptsConnections(kafka.port())).as("Kafka port").isFalse();
        });
    }

    @Test
    void closingTheRunDirectoryAloneStopsItsServers() {
        RunDirectory run = RunDirectory.create(Loopback.testRuns(), "clean-shutdown");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(run);

        run.close();

        assertThat(postgres.isRunning()).isFalse();
        assertThat(run.path()).doesNotExist();
        await().atMost(Duration.ofSeconds(30)).until(() -> !Loopback.acceptsConnections(postgres.port()));
    }
}
