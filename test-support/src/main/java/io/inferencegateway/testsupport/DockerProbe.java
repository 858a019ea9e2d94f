package io.inferencegateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds out whether Docker can be used, cheapest question first: no Testcontainers class is loaded unless a Docker
 * socket or DOCKER_HOST exists and Testcontainers is on the classpath (it is an optional dependency).
 */
final class DockerProbe implements TestServerChoice.DockerCheck {

    private final Map<String, String> env;

    DockerProbe(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String unavailableBecause() {
        if (!Files.exists(Path.of("/var/run/docker.sock")) && !TestServerChoice.isSet(env, "DOCKER_HOST")) {
            return "neither /var/run/docker.sock nor DOCKER_HOST";
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, DockerProbe.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "Testcontainers is not on the test classpath (add org.testcontainers:postgresql and :kafka)";
        }
        return DockerServers.available() ? "" : "Testcontainers found no working Docker environment";
    }
}
