package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract for contents in a directory, plus the files it leaves there and switching stores. */
class DirectoryFileStoreTest extends FileStoreContract {

    @TempDir
    static Path directory;

    @Override
    protected FileStore createStore(DataSource dataSource) throws IOException {
        return new DirectoryFileStore(dataSource, directory.resolve("contents"));
    }

    /** Every entry counts, so that a left-over {@code .part} file shows. */
    @Override
    protected long storedContentUnits() throws IOException {
        try (Stream<Path> entries = Files.list(directory.resolve("contents"))) {
            return entries.count();
        }
    }

    @Test
    void eachFileIsOneFileNamedByItsIdAndTheRowSaysWhere() throws IOException {
        StoredFile file = store.store(newUser(), "batch", "f.jsonl", text("{}\n"), FileLimits.BATCH_INPUT);
        Path content = directory.resolve("contents").resolve(file.id());

        assertThat(content).hasContent("{}");
        assertThat(content.resolveSibling(file.id() + ".part")).doesNotExist();
        assertThat(longValue("SELECT count(*) FROM files WHERE id = ? AND storage_path = '" + content + "'",
                file.id())).isEqualTo(1);
    }

    @Test
    void filesStoredInPostgresStayReadableAfterSwitchingToADirectory() throws IOException {
        String user = newUser();
        StoredFile inDatabase = new PostgresFileStore(database.dataSource()).store(user, "batch", "old.jsonl",
                new GeneratedLines(12_000, 100), FileLimits.BATCH_INPUT);

        try (InputStream in = store.open(inDatabase.id())) {
            assertThat(GeneratedLines.sameAs(in, new GeneratedLines(12_000, 100), 8192)).isTrue();
        }
        assertThat(store.delete(user, inDatabase.id())).isTrue();
        assertThat(longValue("SELECT count(*) FROM file_chunks WHERE file_id = ?", inDatabase.id())).isZero();
    }
}
