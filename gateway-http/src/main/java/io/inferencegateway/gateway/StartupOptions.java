package io.inferencegateway.gateway;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a gateway-http process does once at start.
 *
 * @param fixtures    a directory with {@code clusters.json} and {@code endpoints.json} to load into the database,
 *                    or empty to serve what the database already holds
 * @param devApiKey   a development API key to register for the user {@code dev}, or empty
 * @param environment resolves {@code ${NAME}} placeholders in adaptor configs
 */
public record StartupOptions(Optional<Path> fixtures, Optional<String> devApiKey,
                             Function<String, String> environment) {

    /** The development user: no groups, domain {@code localhost}. */
    public static final String DEV_USER_ID = "dev";

    public StartupOptions {
        Objects.requireNonNull(fixtures, "fixtures");
        Objects.requireNonNull(devApiKey, "devApiKey");
        Objects.requireNonNull(environment, "environment");
    }
}
