package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.persistence.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The contract for contents in PostgreSQL, plus how the chunks are laid out and read. */
class PostgresFileStoreTest extends FileStoreContract {

    @Override
    protected FileStore createStore(DataSource dataSource) {
        return new PostgresFileStore(dataSource);
    }

    @Override
    protected long storedContentUnits() {
        return longValue("SELECT count(*) FROM file_chunks", null);
    }

    @Test
    void contentIsKeptInChunksOfAQuarterMebibyte() throws IOException {
        StoredFile file = store.store(newUser(), "batch", "f.jsonl", new GeneratedLines(35_000, 100),
                FileLimits.BATCH_INPUT);

        List<Integer> expected = new java.util.ArrayList<>(java.util.Collections.nCopies(13, 262_144));
        expected.add(3_500_000 - 13 * 262_144);
        assertThat(chunkSizes(file.id())).containsExactlyElementsOf(expected);
        assertThat(longValue("SELECT count(*) FROM files WHERE id = ? AND storage_path IS NULL "
                + "AND status = 'processed' AND length(sha256) = 64", file.id())).isEqualTo(1);
    }

    @Test
    void aFileDeletedWhileBeingReadFailsTheReadInsteadOfEndingShort() throws IOException {
        String user = newUser();
        StoredFile file = store.store(user, "batch", "f.jsonl", new GeneratedLines(30_000, 100),
                FileLimits.BATCH_INPUT);

        try (InputStream in = store.open(file.id())) {
            assertThat(in.readNBytes(1_048_576)).hasSize(1_048_576);
            store.delete(user, file.id());

            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("lost its content after 1048576 of 3000000 bytes");
        }
    }

    private List<Integer> chunkSizes(String fileId) {
        return Sql.withConnection(database.dataSource(), connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT length(data) FROM file_chunks WHERE file_id = ? ORDER BY seq")) {
                query.setString(1, fileId);
                List<Integer> sizes = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sizes.add(rows.getInt(1));
                    }
                }
                return sizes;
            }
        });
    }
}
