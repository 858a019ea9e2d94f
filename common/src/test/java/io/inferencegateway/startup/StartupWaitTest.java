package io.inferencegateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.persistence.DatabaseSettings;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A process started before PostgreSQL or Kafka waits for them with backoff, then gives up naming what it waited for. */
@Timeout(60)
class StartupWaitTest {

    @Test
    void aServiceThatAnswersOnTheThirdAttemptIsWaitedFor() {
        AtomicInteger attempts = new AtomicInteger();
        new StartupWait(Duration.ofSeconds(20)).until("a service", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new java.net.ConnectException("Connection refused");
            }
        });
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aDatabaseThatNeverAnswersStopsTheStartWithTheVariableToRaise() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + closedPort + "/gateway",
                "gateway", "secret", 1);
        assertThatThrownBy(() -> new StartupWait(Duration.ofSeconds(1)).forDatabase(nowhere))
                .isInstanceOf(StartupWait.NotReachable.class)
                .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort)
                .hasMessageContaining("GATEWAY_STARTUP_TIMEOUT_SECONDS")
                .hasMessageContaining("Connection");
    }

    @Test
    void kafkaThatNeverAnswersStopsTheStartToo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new StartupWait(Duration.ofSeconds(1))
                .forKafka(KafkaSettings.of("127.0.0.1:" + closedPort)))
                .isInstanceOf(StartupWait.NotReachable.class)
                .hasMessageContaining("Kafka at 127.0.0.1:" + closedPort);
    }

    @Test
    void theTimeoutComesFromTheEnvironmentAndBadValuesAreRefused() {
        assertThatThrownBy(() -> StartupWait.fromEnvironment(Map.of("GATEWAY_STARTUP_TIMEOUT_SECONDS", "soon")::get))
                .hasMessageContaining("GATEWAY_STARTUP_TIMEOUT_SECONDS must be a whole number of seconds");
        assertThatThrownBy(() -> StartupWait.fromEnvironment(Map.of("GATEWAY_STARTUP_TIMEOUT_SECONDS", "-1")::get))
                .hasMessageContaining("must not be negative");
    }
}
