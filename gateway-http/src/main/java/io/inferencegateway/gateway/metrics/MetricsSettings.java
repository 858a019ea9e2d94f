package io.inferencegateway.gateway.metrics;

import io.inferencegateway.config.Environment;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Where gateway-http serves {@code GET /metrics} and who may read it.
 *
 * @param port  a port of its own ({@code GATEWAY_METRICS_PORT}, 0 for any free one), or empty to serve it beside the
 *              API on the gateway's port, as before
 * @param host  the interface that port listens on ({@code GATEWAY_METRICS_HOST}, default {@value #DEFAULT_HOST})
 * @param token a Bearer token every scrape must present ({@code GATEWAY_METRICS_TOKEN}), or empty for none
 */
public record MetricsSettings(OptionalInt port, String host, Optional<String> token) {

    public static final String PORT = "GATEWAY_METRICS_PORT";
    public static final String HOST = "GATEWAY_METRICS_HOST";
    public static final String TOKEN = "GATEWAY_METRICS_TOKEN";
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Shorter tokens could be guessed by anyone who can reach the port. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public MetricsSettings {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65_535)) {
            throw new IllegalArgumentException(PORT + " must be a port from 0 to 65535, was " + port.getAsInt());
        }
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(TOKEN + " must be at least " + MIN_TOKEN_LENGTH + " characters long");
        }
    }

    /** Beside the API, open to anyone who reaches the gateway's port: what a gateway did before these settings. */
    public static MetricsSettings besideTheApi() {
        return new MetricsSettings(OptionalInt.empty(), DEFAULT_HOST, Optional.empty());
    }

    public static MetricsSettings fromEnvironment(Function<String, String> environment) {
        String port = environment.apply(PORT);
        String host = environment.apply(HOST);
        String token = environment.apply(TOKEN);
        return new MetricsSettings(
                port == null || port.isBlank() ? OptionalInt.empty()
                        : OptionalInt.of(Environment.wholeNumber(environment, PORT, 0)),
                host == null || host.isBlank() ? DEFAULT_HOST : host.strip(),
                token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip()));
    }

    /** Whether {@code /metrics} has a port of its own, and so is no longer served on the API's port. */
    public boolean separatePort() {
        return port.isPresent();
    }
}
