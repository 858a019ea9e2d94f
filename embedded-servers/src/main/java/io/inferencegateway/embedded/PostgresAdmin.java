package io.inferencegateway.embedded;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates databases and roles on a PostgreSQL server through a connection that may do so. */
public final class PostgresAdmin {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,}");

    private PostgresAdmin() {
    }

    /**
     * Creates database {@code name} unless it exists.
     *
     * @param admin    a connection to any database of the server, as a user allowed to create databases
     * @param name     lower-case letters, digits and underscores, so it needs no quoting
     * @return the login to the new database, same server and user
     */
    public static PostgresLogin createDatabase(PostgresLogin admin, String name) {
        createDatabase(admin, name, admin.username());
        return admin.onDatabase(name);
    }

    /** Creates database {@code name} owned by role {@code owner} unless it exists; both plain identifiers. */
    public static void createDatabase(PostgresLogin admin, String name, String owner) {
        requireIdentifier(name);
        requireIdentifier(owner);
        run(admin, "create database " + name, connection -> {
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + name + " OWNER " + owner);
                }
            }
        });
    }

    /**
     * Creates login role {@code name} with {@code password} unless it exists: no superuser, no right to create
     * databases or roles (PostgreSQL's defaults).
     *
     * @param password letters, digits, '-' and '_' only: CREATE ROLE takes it as a literal, not a parameter
     */
    public static void createRole(PostgresLogin admin, String name, String password) {
        requireIdentifier(name);
        if (!PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("A role password here is 16 or more letters, digits, '-' or '_'");
        }
        run(admin, "create role " + name, connection -> {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
                }
            }
        });
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL identifier: '" + name + "'");
        }
    }

    private static void run(PostgresLogin admin, String what, SqlWork work) {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password())) {
            work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + " via " + admin, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
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

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
