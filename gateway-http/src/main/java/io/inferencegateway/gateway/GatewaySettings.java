package io.inferencegateway.gateway;

import io.inferencegateway.config.Environment;
import io.inferencegateway.gateway.auth.globus.GlobusAuthSettings;
import io.inferencegateway.gateway.http.ReadDeadlines;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How gateway-http listens and behaves.
 *
 * @param host            interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port            TCP port, 0 for any free port
 * @param maxRequestBytes largest request body accepted
 * @param authCacheTtl    how long a known API key is trusted without asking the database again
 * @param globus          Globus Auth token checking for tokens that are not API keys, or empty to accept API keys
 *                        only
 * @param readDeadlines   how long a client may take to send a request head, and pause within a body
 */
public record GatewaySettings(String host, int port, long maxRequestBytes, Duration authCacheTtl,
                              Optional<GlobusAuthSettings> globus, ReadDeadlines readDeadlines) {

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 20L * 1024 * 1024;

    public GatewaySettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, was " + maxRequestBytes);
        }
        Objects.requireNonNull(globus, "globus");
        Objects.requireNonNull(readDeadlines, "readDeadlines");
    }

    /** The default read deadlines. */
    public GatewaySettings(String host, int port, long maxRequestBytes, Duration authCacheTtl,
                           Optional<GlobusAuthSettings> globus) {
        this(host, port, maxRequestBytes, authCacheTtl, globus, ReadDeadlines.DEFAULT);
    }

    /** API keys only, no Globus, the default read deadlines. */
    public GatewaySettings(String host, int port, long maxRequestBytes, Duration authCacheTtl) {
        this(host, port, maxRequestBytes, authCacheTtl, Optional.empty());
    }

    public GatewaySettings withReadDeadlines(ReadDeadlines deadlines) {
        return new GatewaySettings(host, port, maxRequestBytes, authCacheTtl, globus, deadlines);
    }

    /**
     * What every process that serves the API reads from the environment, Globus Auth among it, with the address
     * and body limit its command line chose; gateway-http and {@code bin/dev} alike.
     *
     * @throws IllegalArgumentException when a {@code GATEWAY_GLOBUS_*} variable is malformed
     */
    public static GatewaySettings fromEnvironment(Environment env, String host, int port, long maxRequestBytes) {
        // Groups are off here; the server turns them on when a loaded cluster or endpoint restricts by group.
        return new GatewaySettings(host, port, maxRequestBytes, Duration.ofSeconds(30),
                GlobusAuthSettings.fromEnvironment(env, false));
    }

    /** How callers authenticate, in a few words for banners and logs. */
    public String authentication() {
        return globus.map(settings -> "API keys and Globus Auth tokens (client " + settings.clientId() + " at "
                + settings.authUrl() + ")").orElse("API keys only (" + Environment.GLOBUS_CLIENT_ID + " and "
                + Environment.GLOBUS_CLIENT_SECRET + " turn on Globus Auth)");
    }

    public static GatewaySettings defaults(String host, int port) {
        return new GatewaySettings(host, port, DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(30));
    }
}
