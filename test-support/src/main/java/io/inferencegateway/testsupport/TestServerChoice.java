package io.inferencegateway.testsupport;

import java.util.Map;

/**
 * Which PostgreSQL and which Kafka the tests of this JVM use, decided once from the environment.
 *
 * @param database          where PostgreSQL comes from
 * @param kafka             where Kafka comes from
 * @param dockerUnavailable why Docker was not used, or empty
 */
record TestServerChoice(ServerSource database, ServerSource kafka, String dockerUnavailable) {

    static final String DB_URL = "GATEWAY_TEST_DB_URL";
    static final String DB_USER = "GATEWAY_TEST_DB_USER";
    static final String DB_PASSWORD = "GATEWAY_TEST_DB_PASSWORD";
    static final String KAFKA_BOOTSTRAP_SERVERS = "GATEWAY_TEST_KAFKA_BOOTSTRAP_SERVERS";

    /** Docker's presence as far as it can be known without starting anything. */
    interface DockerCheck {
        /** Why Docker cannot be used, or an empty string when it can. */
        String unavailableBecause();
    }

    static TestServerChoice decide(Map<String, String> env, DockerCheck docker) {
        boolean externalDatabase = isSet(env, DB_URL);
        boolean externalKafka = isSet(env, KAFKA_BOOTSTRAP_SERVERS);
        // Ask about Docker only when something still needs a server: the probe may take a second.
        String dockerUnavailable = externalDatabase && externalKafka ? "" : docker.unavailableBecause();
        ServerSource fallback = dockerUnavailable.isEmpty() ? ServerSource.DOCKER : ServerSource.EMBEDDED;
        return new TestServerChoice(
                externalDatabase ? ServerSource.ENVIRONMENT : fallback,
                externalKafka ? ServerSource.ENVIRONMENT : fallback,
                dockerUnavailable);
    }

    /** One line for the log: what was chosen and why. */
    String describe(Map<String, String> env) {
        String database = switch (this.database) {
            case ENVIRONMENT -> "PostgreSQL at " + env.get(DB_URL) + " (" + DB_URL + ")";
            case DOCKER -> "PostgreSQL in Docker (Testcontainers)";
            case EMBEDDED -> "embedded PostgreSQL (zonky)";
        };
        String broker = switch (this.kafka) {
            case ENVIRONMENT -> "Kafka at " + env.get(KAFKA_BOOTSTRAP_SERVERS) + " (" + KAFKA_BOOTSTRAP_SERVERS + ")";
            case DOCKER -> "Kafka in Docker (Testcontainers)";
            case EMBEDDED -> "embedded Kafka (in-process KRaft)";
        };
        String why = dockerUnavailable.isEmpty() ? "" : "; no Docker: " + dockerUnavailable;
        return "Test servers: " + database + ", " + broker + why + "; each starts on first use";
    }

    static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
