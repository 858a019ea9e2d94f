package io.inferencegateway.persistence;

import io.inferencegateway.config.Environment;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach PostgreSQL.
 *
 * @param jdbcUrl     e.g. {@code jdbc:postgresql://127.0.0.1:5432/gateway}
 * @param username    database user
 * @param password    database password, may be empty
 * @param maxPoolSize connections in the pool
 */
public record DatabaseSettings(String jdbcUrl, String username, String password, int maxPoolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    /**
     * The external PostgreSQL, when {@code GATEWAY_DB_URL} is set: {@code GATEWAY_DB_USER} (postgres),
     * {@code GATEWAY_DB_PASSWORD} and {@code GATEWAY_DB_POOL_SIZE} ({@code defaultPoolSize}).
     */
    public static Optional<DatabaseSettings> fromEnvironment(Environment env, int defaultPoolSize) {
        return env.get(Environment.DB_URL).map(url -> new DatabaseSettings(url,
                env.get(Environment.DB_USER).orElse("postgres"), env.get(Environment.DB_PASSWORD).orElse(""),
                env.intValue(Environment.DB_POOL_SIZE, defaultPoolSize)));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + username + ", pool " + maxPoolSize + "]";
    }
}
