package io.inferencegateway.embedded;

import java.util.Objects;

/**
 * How to log in to a database of the embedded (or a test) PostgreSQL: plain values, so that this module needs none
 * of the gateway's types and the processes map them onto their own settings.
 *
 * @param jdbcUrl  e.g. {@code jdbc:postgresql://127.0.0.1:5432/gateway}
 * @param username the role
 * @param password its password
 */
public record PostgresLogin(String jdbcUrl, String username, String password) {

    public PostgresLogin {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
    }

    /** The same login on another database of the same server. */
    public PostgresLogin onDatabase(String database) {
        return new PostgresLogin(PostgresAdmin.withDatabase(jdbcUrl, database), username, password);
    }

    @Override
    public String toString() {
        return "PostgresLogin[" + jdbcUrl + " as " + username + "]";
    }
}
