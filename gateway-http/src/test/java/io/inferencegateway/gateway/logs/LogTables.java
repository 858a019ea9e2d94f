package io.inferencegateway.gateway.logs;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the log tables back into the records that were offered, so a test compares whole rows. */
final class LogTables {

    private final DataSource dataSource;

    LogTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<AccessLogEntry> access(UUID id) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM access_logs WHERE id = ?")) {
                query.setObject(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new AccessLogEntry(row.getObject("id", UUID.class),
                            row.getString("user_id"), instant(row, "timestamp_request"),
                            instant(row, "timestamp_response"), row.getString("api_route"), row.getString("method"),
                            row.getString("origin_ip"), row.getInt("status_code"), row.getString("error")))
                            : Optional.<AccessLogEntry>empty();
                }
            }
        });
    }

    Optional<RequestLogEntry> request(UUID id) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM request_logs WHERE id = ?")) {
                query.setObject(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new RequestLogEntry(row.getObject("id", UUID.class),
                            row.getObject("access_log_id", UUID.class), row.getString("user_id"),
                            row.getString("cluster"), row.getString("framework"), row.getString("model"),
                            row.getString("openai_endpoint"), row.getBoolean("streaming"),
                            row.getObject("status_code", Integer.class), row.getString("task_uuid"),
                            instant(row, "timestamp_compute_request"), instant(row, "timestamp_compute_response"),
                            row.getObject("time_to_first_token_ms", Double.class),
                            row.getObject("prompt_tokens", Integer.class),
                            row.getObject("completion_tokens", Integer.class),
                            row.getObject("total_tokens", Integer.class), row.getString("prompt"),
                            row.getString("result"))) : Optional.<RequestLogEntry>empty();
                }
            }
        });
    }

    /** Rows in {@code table} (access_logs or request_logs). */
    long count(String table) {
        return queryLong("SELECT count(*) FROM " + table);
    }

    /** Distinct ids in {@code table}; equal to {@link #count} because id is the key, asserted anyway. */
    long distinctIds(String table) {
        return queryLong("SELECT count(DISTINCT id) FROM " + table);
    }

    void execute(String sql) {
        Sql.withConnection(dataSource, connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(sql);
            }
        });
    }

    private long queryLong(String sql) {
        return Sql.withConnection(dataSource, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
