package io.inferencegateway.testsupport;

/** Where a test server comes from, in the order {@link SharedServers} tries them. */
public enum ServerSource {
    /** Named by GATEWAY_TEST_* environment variables. */
    ENVIRONMENT,
    /** A container started through Testcontainers. */
    DOCKER,
    /** In this JVM (Kafka) or a child process of it (PostgreSQL), files under target/. */
    EMBEDDED
}
