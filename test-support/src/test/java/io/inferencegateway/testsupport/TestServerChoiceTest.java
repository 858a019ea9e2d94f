package io.inferencegateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestServerChoiceTest {

    @Test
    void environmentFirstThenDockerThenEmbedded() {
        Map<String, String> onlyDatabase = Map.of("GATEWAY_TEST_DB_URL", "jdbc:postgresql://db:5432/postgres");

        assertThat(TestServerChoice.decide(onlyDatabase, () -> ""))
                .isEqualTo(new TestServerChoice(ServerSource.ENVIRONMENT, ServerSource.DOCKER, ""));
        assertThat(TestServerChoice.decide(Map.of(), () -> "no socket"))
                .isEqualTo(new TestServerChoice(ServerSource.EMBEDDED, ServerSource.EMBEDDED, "no socket"));
        assertThat(TestServerChoice.decide(Map.of("GATEWAY_TEST_KAFKA_BOOTSTRAP_SERVERS", "k:9092"), () -> "none"))
                .isEqualTo(new TestServerChoice(ServerSource.EMBEDDED, ServerSource.ENVIRONMENT, "none"));
    }

    @Test
    void asksNothingOfDockerWhenTheEnvironmentNamesBothServers() {
        AtomicInteger probes = new AtomicInteger();
        Map<String, String> env = Map.of(
                "GATEWAY_TEST_DB_URL", "jdbc:postgresql://db:5432/postgres",
                "GATEWAY_TEST_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

        TestServerChoice choice = TestServerChoice.decide(env, () -> {
            probes.incrementAndGet();
            return "";
        });

        assertThat(probes).hasValue(0);
        assertThat(choice.describe(env)).contains("jdbc:postgresql://db:5432/postgres", "kafka:9092").doesNotContain("\n");
    }

    @Test
    void blankVariablesCountAsUnset() {
        assertThat(TestServerChoice.decide(Map.of("GATEWAY_TEST_DB_URL", " "), () -> "none").database())
                .isEqualTo(ServerSource.EMBEDDED);
    }
}
