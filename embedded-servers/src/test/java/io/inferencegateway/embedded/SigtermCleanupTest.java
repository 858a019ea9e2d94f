package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Guards the promise that SIGTERM (or Ctrl-C) leaves no PostgreSQL process and no files behind. */
class SigtermCleanupTest {

    @Test
    void sigtermStopsTheServersAndRemovesTheirFiles() throws Exception {
        Path base = Files.createDirectories(Loopback.testRuns());
        Path output = Files.createTempFile(base, "sigterm-child-", ".log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                ServersUntilTerminated.class.getName(),
                base.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            String[] ready = await().atMost(Duration.ofSeconds(120))
                    .until(() -> readyLine(output, child), Optional::isPresent).orElseThrow();
            Path runDirectory = Path.of(ready[1]);
            int postgresPort = Integer.parseInt(ready[2]);
            int kafkaPort = Integer.parseInt(ready[3]);
            assertThat(runDirectory).isDirectory();
            assertThat(Loopback.acceptsConnections(postgresPort)).isTrue();

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();

            assertThat(runDirectory).doesNotExist();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Loopback.acceptsConnections(postgresPort)).as("PostgreSQL port").isFalse();
                assertThat(Loopback.acceptsConnections(kafkaPort)).as("Kafka port").isFalse();
            });
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static Optional<String[]> readyLine(Path output, Process child) throws IOException {
        if (!child.isAlive()) {
            throw new IllegalStateException("The child JVM exited early:\n" + Files.readString(output));
        }
        return Files.readAllLines(output).stream()
                .filter(line -> line.startsWith("READY "))
                .findFirst()
                .map(line -> line.split(" "));
    }
}
