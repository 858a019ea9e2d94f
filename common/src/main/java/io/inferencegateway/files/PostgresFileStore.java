package io.inferencegateway.files;

import io.inferencegateway.persistence.DataAccessException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * Keeps file contents in PostgreSQL as 256 KiB rows of {@code file_chunks}. The row and its chunks commit together at
 * the end, so a failed, refused or interrupted upload leaves nothing behind. With an {@link UploadSpool} (the
 * gateway's uploads) the content is received on local disk first and a connection is taken only to copy it in;
 * without one (the worker's own files, read from local disk) it is written as it is read.
 */
public final class PostgresFileStore extends FileTableStore {

    /**
     * Small enough to stay below G1's humongous-object size (half a region: 512 KiB for heaps under 4 GiB), so an
     * upload's buffers live and die in the young generation instead of landing in the old one.
     */
    static final int CHUNK_BYTES = 256 * 1024;

    private final UploadSpool spool;

    public PostgresFileStore(DataSource dataSource) {
        this(dataSource, null);
    }

    /** @param spool where uploads are received before they are written, or null to write as they are read */
    public PostgresFileStore(DataSource dataSource, UploadSpool spool) {
        super(new FileRows(dataSource));
        this.spool = spool;
    }

    @Override
    public StoredFile store(String userId, String purpose, String filename, InputStream content, FileLimits limits)
            throws IOException {
        if (spool == null) {
            return write(userId, purpose, filename, new CountingReader(content, limits));
        }
        try (UploadSpool.Spooled spooled = spool.receive(content, limits)) {
            return spool.write(() -> write(userId, purpose, filename, spooled));
        }
    }

    private StoredFile write(String userId, String purpose, String filename, ChunkSource reader) throws IOException {
        String id = FileIds.next();
        byte[] chunk = new byte[CHUNK_BYTES];
        // The first chunk is read before a connection is taken: a small upload holds one only to write.
        int filled = reader.fill(chunk);
        try (Connection connection = rows.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                rows.insert(connection, id, userId, purpose, filename, null);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO file_chunks (file_id, seq, data) VALUES (?, ?, ?)")) {
                    for (int seq = 0; filled > 0; seq++) {
                        insert.setString(1, id);
                        insert.setInt(2, seq);
                        insert.setBytes(3, filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
                        insert.executeUpdate();
                        filled = filled < chunk.length ? 0 : reader.fill(chunk);
                    }
                }
                StoredFile stored = rows.complete(connection, id, reader.bytes(), reader.lines(), reader.sha256());
                connection.commit();
                return stored;
            } catch (IOException | SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
