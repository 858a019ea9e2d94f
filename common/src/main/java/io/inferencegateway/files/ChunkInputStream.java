package io.inferencegateway.files;

import io.inferencegateway.persistence.DataAccessException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reads a file's chunks one at a time, each with its own short query, so that a slow reader holds one chunk and no
 * connection. A chunk that is gone before the expected size was read (the file was deleted meanwhile) is an error,
 * never a silently short file.
 */
final class ChunkInputStream extends InputStream {

    private final DataSource dataSource;
    private final String fileId;
    private final long size;
    private long delivered;
    private int nextSeq;
    private byte[] chunk = new byte[0];
    private int position;

    ChunkInputStream(DataSource dataSource, String fileId, long size) {
        this.dataSource = dataSource;
        this.fileId = fileId;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == chunk.length) {
            if (delivered >= size) {
                return -1;
            }
            chunk = fetch(nextSeq++);
            position = 0;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        delivered += n;
        return n;
    }

    @Override
    public int available() {
        return chunk.length - position;
    }

    private byte[] fetch(int seq) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT data FROM file_chunks WHERE file_id = ? AND seq = ?")) {
            query.setString(1, fileId);
            query.setInt(2, seq);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IOException("File " + fileId + " lost its content after " + delivered + " of " + size
                            + " bytes (deleted while being read?)");
                }
                byte[] data = rows.getBytes(1);
                if (data.length == 0) {
                    throw new IOException("File " + fileId + " has an empty chunk " + seq);
                }
                return data;
            }
        } catch (SQLException e) {
            throw new IOException("Reading file " + fileId + " failed", new DataAccessException(e));
        }
    }
}
