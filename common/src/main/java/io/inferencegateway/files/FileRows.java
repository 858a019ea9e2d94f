package io.inferencegateway.files;

import io.inferencegateway.persistence.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The SQL of the {@code files} table, for both stores: a row is the file, wherever its content lives. */
final class FileRows {

    private static final String COLUMNS = "id, user_id, purpose, filename, bytes, line_count, created_at, expires_at";
    /** Deleted and expired files are gone for every reader, owner and worker alike. */
    private static final String VISIBLE = "deleted_at IS NULL AND (expires_at IS NULL OR expires_at > now())";

    /** Where a file's content is: its own file, or (when {@code storagePath} is null) chunks in the database. */
    record Location(String storagePath, long bytes) {
    }

    private final DataSource dataSource;

    FileRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Adds the row of a file whose content is still arriving; it is visible only once its transaction commits. */
    void insert(Connection connection, String id, String userId, String purpose, String filename,
                String storagePath) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO files (id, user_id, purpose, filename, storage_path) VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, userId);
            insert.setString(3, purpose);
            insert.setString(4, filename);
            insert.setString(5, storagePath);
            insert.executeUpdate();
        }
    }

    /** Records the counted size; the creation time is when the content became complete. */
    StoredFile complete(Connection connection, String id, long bytes, long lines, String sha256) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE files SET bytes = ?, line_count = ?, "
                + "sha256 = ?, status = 'processed', created_at = clock_timestamp() WHERE id = ? RETURNING "
                + COLUMNS)) {
            update.setLong(1, bytes);
            update.setInt(2, Math.toIntExact(lines));
            update.setString(3, sha256);
            update.setString(4, id);
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                return file(rows);
            }
        }
    }

    /** The visible file {@code id}, of {@code userId} or (when null) of anyone. */
    Optional<StoredFile> find(String userId, String id) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM files "
                    + "WHERE id = ? AND (?::varchar IS NULL OR user_id = ?) AND " + VISIBLE)) {
                query.setString(1, id);
                query.setString(2, userId);
                query.setString(3, userId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(file(rows)) : Optional.<StoredFile>empty();
                }
            }
        });
    }

    /**
     * Newest first; {@code after} is the id of the last file of the previous page (deleted or not), and an id the
     * user does not own gives an empty page.
     */
    List<StoredFile> list(String userId, String purpose, int limit, String after) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM files f "
                    + "WHERE user_id = ? AND " + VISIBLE + " AND (?::varchar IS NULL OR purpose = ?) "
                    + "AND (?::varchar IS NULL OR (created_at, id) < "
                    + "(SELECT a.created_at, a.id FROM files a WHERE a.id = ? AND a.user_id = f.user_id)) "
                    + "ORDER BY created_at DESC, id DESC LIMIT ?")) {
                query.setString(1, userId);
                query.setString(2, purpose);
                query.setString(3, purpose);
                query.setString(4, after);
                query.setString(5, after);
                query.setInt(6, limit);
                List<StoredFile> files = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        files.add(file(rows));
                    }
                }
                return files;
            }
        });
    }

    Optional<Location> location(String id) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT storage_path, bytes FROM files WHERE id = ? AND " + VISIBLE)) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new Location(rows.getString(1), rows.getLong(2)))
                            : Optional.<Location>empty();
                }
            }
        });
    }

    /**
     * Marks the user's file deleted and drops its chunks in one transaction.
     *
     * @return the deleted file's location (its content file is the caller's to remove), empty if there was none
     */
    Optional<Location> delete(String userId, String id) {
        return Sql.inTransaction(dataSource, connection -> {
            Optional<Location> deleted;
            try (PreparedStatement update = connection.prepareStatement("UPDATE files SET deleted_at = now() "
                    + "WHERE id = ? AND user_id = ? AND " + VISIBLE + " RETURNING storage_path, bytes")) {
                update.setString(1, id);
                update.setString(2, userId);
                try (ResultSet rows = update.executeQuery()) {
                    deleted = rows.next() ? Optional.of(new Location(rows.getString(1), rows.getLong(2)))
                            : Optional.empty();
                }
            }
            if (deleted.isPresent()) {
                try (PreparedStatement chunks = connection.prepareStatement(
                        "DELETE FROM file_chunks WHERE file_id = ?")) {
                    chunks.setString(1, id);
                    chunks.executeUpdate();
                }
            }
            return deleted;
        });
    }

    private static StoredFile file(ResultSet rows) throws SQLException {
        Timestamp expires = rows.getTimestamp("expires_at");
        return new StoredFile(rows.getString("id"), rows.getString("user_id"), rows.getString("purpose"),
                rows.getString("filename"), rows.getLong("bytes"), rows.getInt("line_count"),
                rows.getTimestamp("created_at").toInstant(), expires == null ? null : expires.toInstant());
    }
}
