package io.inferencegateway.gateway;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.ApiKeys;
import io.inferencegateway.config.Environment;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a gateway-http process does once at start. Building it checks what must hold before anything starts.
 *
 * @param fixtures    a directory with {@code clusters.json} and {@code endpoints.json} to load into the database,
 *                    or empty to serve what the database already holds
 * @param devApiKey   a development API key to register for the user {@code dev}, or empty; it must follow
 *                    {@link ApiKeys#requireWellChosen}'s rule, or it would be registered and then refused
 * @param keyHasher   how API keys are stored: under {@code GATEWAY_KEY_HASH_SECRET}
 * @param environment resolves {@code ${NAME}} placeholders in adaptor configs, and holds the other settings
 */
public record StartupOptions(Optional<Path> fixtures, Optional<String> devApiKey, ApiKeyHasher keyHasher,
                             Function<String, String> environment) {

    /** The development user: no groups, domain {@code localhost}. */
    public static final String DEV_USER_ID = "dev";

    public StartupOptions {
        Objects.requireNonNull(fixtures, "fixtures");
        Objects.requireNonNull(devApiKey, "devApiKey");
        Objects.requireNonNull(keyHasher, "keyHasher");
        Objects.requireNonNull(environment, "environment");
        devApiKey.ifPresent(key -> ApiKeys.requireWellChosen(key, Environment.DEV_API_KEY));
    }

    /** The key hash secret from {@code environment} ({@code GATEWAY_KEY_HASH_SECRET}). */
    public StartupOptions(Optional<Path> fixtures, Optional<String> devApiKey, Function<String, String> environment) {
        this(fixtures, devApiKey, ApiKeyHasher.fromEnvironment(environment), environment);
    }
}
