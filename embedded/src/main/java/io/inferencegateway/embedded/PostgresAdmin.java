package io.inferencegateway.embedded;

import io.inferencegateway.persistence.DatabaseSettings;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates databases on a PostgreSQL server through a connection that may do so. */
public final class PostgresAdmin {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PostgresAdmin() {
    }

    /**
     * Creates database {@code name} unless it exists.
     *
     * @param admin    a connection to any database of the server, as a user allowed to create databases
     * @param name     lower-case letters, digits and underscores, so it needs no quoting
     * @param poolSize the pool size of the returned settings
     * @return settings for the new database, same server and user
     */
    public static DatabaseSettings createDatabase(DatabaseSettings admin, String name, int poolSize) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL identifier: '" + name + "'");
        }
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password())) {
            if (!exists(connection, name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " via " + admin, e);
        }
        return new DatabaseSettings(withDatabase(admin.jdbcUrl(), name), admin.username(), admin.password(), poolSize);
    }

    /** The same JDBC URL naming another database: {@code jdbc:postgresql://h:p/old?x=y} becomes {@code .../name?x=y}. */
    static String withDatabase(String jdbcUrl, String database) {
        String prefix = "jdbc:";
        if (!jdbcUrl.startsWith(prefix + "postgresql:")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring(prefix.length()));
        if (uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("The JDBC URL names no host: " + jdbcUrl);
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return prefix + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
