package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.testing.TestServers;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.Sql;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link FileStore} promises, run against a real PostgreSQL; each store's test adds its own checks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FileStoreContract {

    protected Database database;
    protected FileStore store;

    protected abstract FileStore createStore(DataSource dataSource) throws IOException;

    /** Proof that the store kept no content for any file, beyond what {@code files} rows say. */
    protected abstract long storedContentUnits() throws IOException;

    @BeforeAll
    void openStore() throws IOException {
        database = Database.open(TestServers.freshDatabase(), "file-store-test");
        store = createStore(database.dataSource());
    }

    @AfterAll
    void closeDatabase() {
        database.close();
    }

    @Test
    void storesContentAndMetadataForItsOwnerOnly() throws IOException {
        String user = newUser();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        StoredFile file = store.store(user, "batch", "input.jsonl", text("{\"a\":1}\n{\"b\":2}\n"),
                FileLimits.BATCH_INPUT);

        assertThat(file.id()).matches("file-[0-9A-Za-z]{24}");
        assertThat(file).extracting(StoredFile::userId, StoredFile::purpose, StoredFile::filename, StoredFile::bytes,
                StoredFile::lineCount).containsExactly(user, "batch", "input.jsonl", 16L, 2);
        assertThat(file.createdAt()).isAfterOrEqualTo(before);
        assertThat(file.expiresAt()).isNull();
        assertThat(store.find(user, file.id())).contains(file);
        assertThat(store.find(file.id())).as("for a worker, regardless of owner").contains(file);
        assertThat(store.find(newUser(), file.id())).as("another user").isEmpty();
        assertThat(read(file.id())).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
    }

    @Test
    void anEmptyFileIsStoredWithNoLines() throws IOException {
        StoredFile file = store.store(newUser(), "batch", "empty.jsonl", text(""), FileLimits.BATCH_INPUT);

        assertThat(file.bytes()).isZero();
        assertThat(file.lineCount()).isZero();
        assertThat(read(file.id())).isEmpty();
    }

    @Test
    void aLastLineWithoutNewlineCounts() throws IOException {
        StoredFile file = store.store(newUser(), "batch", "f.jsonl", text("one\r\ntwo\n\nfour"),
                FileLimits.BATCH_INPUT);

        assertThat(file.lineCount()).isEqualTo(4);
        assertThat(file.bytes()).isEqualTo(14);
    }

    @Test
    void contentOfExactlyTheLimitsIsAccepted() throws IOException {
        FileLimits limits = new FileLimits(12, 3);

        assertThat(store.store(newUser(), "batch", "f", text("aaa\nbbb\nccc\n"), limits).lineCount()).isEqualTo(3);
        assertThat(store.store(newUser(), "batch", "f", text("aaaa\nbbbb\ncc"), limits).bytes()).isEqualTo(12);
    }

    @Test
    void contentOverTheByteLimitLeavesNothing() throws IOException {
        String user = newUser();
        long contentBefore = storedContentUnits();
        // Several chunks are written before the limit is reached.
        FileLimits limits = new FileLimits(3L * 1024 * 1024 + 17, Integer.MAX_VALUE);

        assertThatThrownBy(() -> store.store(user, "batch", "big.jsonl", new GeneratedLines(40_000, 100), limits))
                .isInstanceOfSatisfying(FileTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(FileTooLargeException.Limit.BYTES))
                .hasMessage("The file exceeds the 3,145,745-byte limit.");

        assertThat(rowsOf(user)).isZero();
        assertThat(storedContentUnits()).isEqualTo(contentBefore);
    }

    @Test
    void contentOverTheLineLimitLeavesNothing() throws IOException {
        String user = newUser();
        long contentBefore = storedContentUnits();

        assertThatThrownBy(() -> store.store(user, "batch", "many.jsonl", new GeneratedLines(50_001, 30),
                FileLimits.BATCH_INPUT))
                .isInstanceOfSatisfying(FileTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(FileTooLargeException.Limit.LINES))
                .hasMessage("The file has more than 50,000 lines.");

        assertThat(rowsOf(user)).isZero();
        assertThat(storedContentUnits()).isEqualTo(contentBefore);
        assertThat(store.store(user, "batch", "enough.jsonl", new GeneratedLines(50_000, 30), FileLimits.BATCH_INPUT)
                .lineCount()).isEqualTo(50_000);
    }

    @Test
    void anUploadThatBreaksOffLeavesNothingAndItsFailurePassesThrough() throws IOException {
        String user = newUser();
        long contentBefore = storedContentUnits();
        IOException broken = new IOException("connection reset by the client");
        InputStream content = new FailingAfter(new GeneratedLines(40_000, 100), 2_500_000, broken);

        assertThatThrownBy(() -> store.store(user, "batch", "f.jsonl", content, FileLimits.BATCH_INPUT))
                .isSameAs(broken);

        assertThat(rowsOf(user)).isZero();
        assertThat(storedContentUnits()).isEqualTo(contentBefore);
    }

    @Test
    void aMultiChunkFileStreamsBackByteForByte() throws IOException {
        String user = newUser();
        GeneratedLines lines = new GeneratedLines(35_000, 100);
        StoredFile file = store.store(user, "batch", "big.jsonl", lines, FileLimits.BATCH_INPUT);

        assertThat(file.bytes()).isEqualTo(3_500_000);
        assertThat(file.lineCount()).isEqualTo(35_000);
        try (InputStream in = store.open(file.id())) {
            assertThat(GeneratedLines.sameAs(in, new GeneratedLines(35_000, 100), 4096)).isTrue();
        }
    }

    @Test
    void deleteIsSoftForTheRowAndRemovesTheContent() throws IOException {
        String user = newUser();
        StoredFile file = store.store(user, "batch", "f.jsonl", text("x\n"), FileLimits.BATCH_INPUT);
        long contentWithFile = storedContentUnits();

        assertThat(store.delete(newUser(), file.id())).as("another user's delete").isFalse();
        assertThat(store.find(user, file.id())).isPresent();
        assertThat(store.delete(user, file.id())).isTrue();

        assertThat(store.find(user, file.id())).isEmpty();
        assertThat(store.find(file.id())).isEmpty();
        assertThatThrownBy(() -> store.open(file.id())).isInstanceOf(NoSuchFileException.class);
        assertThat(store.delete(user, file.id())).as("a second time").isFalse();
        assertThat(storedContentUnits()).isEqualTo(contentWithFile - 1);
        assertThat(longValue("SELECT count(*) FROM files WHERE id = ? AND deleted_at IS NOT NULL", file.id()))
                .as("the row stays, marked").isEqualTo(1);
    }

    @Test
    void listsNewestFirstInPagesWithACursor() throws IOException {
        String user = newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, store.store(user, "batch", "f" + i, text("line\n"), FileLimits.BATCH_INPUT).id());
        }
        store.store(user, "batch_output", "out", text("o\n"), FileLimits.UNLIMITED);
        store.store(newUser(), "batch", "someone else's", text("x\n"), FileLimits.BATCH_INPUT);

        List<String> first = ids(store.list(user, "batch", 2, null));
        List<String> second = ids(store.list(user, "batch", 2, first.get(1)));
        List<String> third = ids(store.list(user, "batch", 2, second.get(1)));

        assertThat(first).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(second).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(third).containsExactly(ids.get(4));
        assertThat(store.list(user, "batch", 2, third.get(0))).isEmpty();
        assertThat(store.list(user, null, 10_000, null)).hasSize(6);
        assertThat(store.list(user, "batch_output", 10, null)).extracting(StoredFile::filename).containsExactly("out");
    }

    @Test
    void aDeletedFileLeavesTheListButStillWorksAsACursor() throws IOException {
        String user = newUser();
        StoredFile oldest = store.store(user, "batch", "a", text("a\n"), FileLimits.BATCH_INPUT);
        StoredFile middle = store.store(user, "batch", "b", text("b\n"), FileLimits.BATCH_INPUT);
        StoredFile newest = store.store(user, "batch", "c", text("c\n"), FileLimits.BATCH_INPUT);

        store.delete(user, middle.id());

        assertThat(ids(store.list(user, null, 10, null))).containsExactly(newest.id(), oldest.id());
        assertThat(ids(store.list(user, null, 10, middle.id()))).containsExactly(oldest.id());
        assertThat(store.list(user, null, 10, "file-doesnotexist")).isEmpty();
        assertThat(store.list(newUser(), null, 10, newest.id())).as("another user's cursor").isEmpty();
    }

    @Test
    void anExpiredFileIsGone() throws IOException {
        String user = newUser();
        StoredFile file = store.store(user, "batch", "f", text("x\n"), FileLimits.BATCH_INPUT);

        Sql.withConnection(database.dataSource(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE files SET expires_at = now() - interval '1 second' WHERE id = ?")) {
                update.setString(1, file.id());
                return update.executeUpdate();
            }
        });

        assertThat(store.find(user, file.id())).isEmpty();
        assertThat(store.list(user, null, 10, null)).isEmpty();
        assertThatThrownBy(() -> store.open(file.id())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void malformedIdsFindNothingAndFailNothing() {
        for (String id : List.of("", "nope", "file-\u0000", "file-" + "z".repeat(200), "file-a/../b", "'; DROP")) {
            assertThat(store.find(id)).isEmpty();
            assertThat(store.find("u", id)).isEmpty();
            assertThat(store.delete("u", id)).isFalse();
            assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
            assertThat(store.list("u", null, 10, id)).isEmpty();
        }
    }

    protected static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    protected long rowsOf(String user) {
        return longValue("SELECT count(*) FROM files WHERE user_id = ?", user);
    }

    protected long longValue(String sql, String parameter) {
        return Sql.withConnection(database.dataSource(), connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    query.setString(1, parameter);
                }
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    protected String read(String fileId) throws IOException {
        try (InputStream in = store.open(fileId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(List<StoredFile> files) {
        return files.stream().map(StoredFile::id).toList();
    }
}
