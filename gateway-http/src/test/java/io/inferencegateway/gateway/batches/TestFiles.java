package io.inferencegateway.gateway.batches;

import io.inferencegateway.persistence.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Puts files where the Files API keeps them (a {@code files} row, content in 1 MiB {@code file_chunks} from seq 0),
 * so batch tests need no upload route.
 */
final class TestFiles {

    static final int CHUNK = 1024 * 1024;

    private TestFiles() {
    }

    /** A batch input of chat lines for {@code model}, one per custom id. */
    static String chatLines(String model, int lines) {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            content.append("{\"custom_id\":\"request-").append(i).append("\",\"method\":\"POST\",")
                    .append("\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"").append(model)
                    .append("\",\"messages\":[{\"role\":\"user\",\"content\":\"Say ").append(i).append("\"}]}}\n");
        }
        return content.toString();
    }

    static String store(DataSource dataSource, String userId, String purpose, String content) {
        return store(dataSource, userId, purpose, content.getBytes(StandardCharsets.UTF_8));
    }

    static String store(DataSource dataSource, String userId, String purpose, byte[] content) {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "");
        Sql.inTransaction(dataSource, connection -> {
            try (PreparedStatement file = connection.prepareStatement("""
                    INSERT INTO files (id, user_id, purpose, filename, bytes, line_count, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'processed')""")) {
                file.setString(1, id);
                file.setString(2, userId);
                file.setString(3, purpose);
                file.setString(4, "input.jsonl");
                file.setLong(5, content.length);
                file.setInt(6, lines(content));
                file.executeUpdate();
            }
            try (PreparedStatement chunk = connection.prepareStatement(
                    "INSERT INTO file_chunks (file_id, seq, data) VALUES (?, ?, ?)")) {
                for (int seq = 0; seq * CHUNK < content.length; seq++) {
                    chunk.setString(1, id);
                    chunk.setInt(2, seq);
                    chunk.setBytes(3, Arrays.copyOfRange(content, seq * CHUNK,
                            Math.min(content.length, (seq + 1) * CHUNK)));
                    chunk.addBatch();
                }
                chunk.executeBatch();
            }
            return null;
        });
        return id;
    }

    private static int lines(byte[] content) {
        int lines = 0;
        for (byte b : content) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }
}
