package io.inferencegateway.gateway.batches;

import io.inferencegateway.files.StoredFile;
import io.inferencegateway.persistence.Sql;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Enumeration;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads files straight from the {@code files} and {@code file_chunks} tables of the V1 schema (content in
 * {@code file_chunks} by {@code seq}, or in the file at {@code storage_path}), one chunk in memory at a time. It
 * stands in until a {@code FileStore} is wired into the gateway, after which {@link InputFiles#of} replaces it.
 */
public final class FileTableInputs implements InputFiles {

    private final DataSource dataSource;

    public FileTableInputs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<StoredFile> find(String userId, String fileId) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT id, user_id, purpose, filename, bytes, line_count, created_at, expires_at FROM files
                    WHERE id = ? AND user_id = ? AND deleted_at IS NULL""")) {
                query.setString(1, fileId);
                query.setString(2, userId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<StoredFile>empty();
                    }
                    Timestamp expires = rows.getTimestamp("expires_at");
                    return Optional.of(new StoredFile(rows.getString("id"), rows.getString("user_id"),
                            rows.getString("purpose"), rows.getString("filename"), rows.getLong("bytes"),
                            rows.getInt("line_count"), rows.getTimestamp("created_at").toInstant(),
                            expires == null ? null : expires.toInstant()));
                }
            }
        });
    }

    @Override
    public InputStream open(String fileId) throws IOException {
        // The outer Optional says whether the file exists, the inner one where its content lives.
        Optional<Optional<String>> storagePath = Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT storage_path FROM files WHERE id = ? AND deleted_at IS NULL")) {
                query.setString(1, fileId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(Optional.ofNullable(rows.getString(1))) : Optional.empty();
                }
            }
        });
        if (storagePath.isEmpty()) {
            throw new FileNotFoundException("No file " + fileId);
        }
        if (storagePath.get().isPresent()) {
            return Files.newInputStream(Path.of(storagePath.get().get()));
        }
        return new SequenceInputStream(new Chunks(fileId));
    }

    /** The file's chunks in order, each fetched when the previous one has been read. */
    private final class Chunks implements Enumeration<InputStream> {

        private final String fileId;
        private int seq;
        private byte[] next;

        Chunks(String fileId) {
            this.fileId = fileId;
            this.next = chunk(0);
        }

        @Override
        public boolean hasMoreElements() {
            return next != null;
        }

        @Override
        public InputStream nextElement() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            InputStream current = new ByteArrayInputStream(next);
            next = chunk(++seq);
            return current;
        }

        private byte[] chunk(int index) {
            return Sql.withConnection(dataSource, connection -> {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT data FROM file_chunks WHERE file_id = ? AND seq = ?")) {
                    query.setString(1, fileId);
                    query.setInt(2, index);
                    try (ResultSet rows = query.executeQuery()) {
                        return rows.next() ? rows.getBytes(1) : null;
                    }
                }
            });
        }
    }
}
