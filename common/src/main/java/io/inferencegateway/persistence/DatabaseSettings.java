package io.inferencegateway.persistence;

import java.util.Objects;

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

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + username + ", pool " + maxPoolSize + "]";
    }
}
