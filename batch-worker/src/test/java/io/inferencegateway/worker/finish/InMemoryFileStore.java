package io.inferencegateway.worker.finish;

import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link FileStore} in memory, for tests of what a worker stores; limits are not enforced. */
final class InMemoryFileStore implements FileStore {

    private record Entry(StoredFile file, byte[] content) {
    }

    private final Map<String, Entry> files = new LinkedHashMap<>();
    private int next;

    @Override
    public synchronized StoredFile store(String userId, String purpose, String filename, InputStream content,
                                         FileLimits limits) throws IOException {
        byte[] bytes = content.readAllBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineCount = (int) text.lines().count();
        StoredFile file = new StoredFile("file-" + ++next, userId, purpose, filename, bytes.length, lineCount,
                Instant.now(), null);
        files.put(file.id(), new Entry(file, bytes));
        return file;
    }

    @Override
    public synchronized Optional<StoredFile> find(String userId, String fileId) {
        return find(fileId).filter(f -> f.userId().equals(userId));
    }

    @Override
    public synchronized Optional<StoredFile> find(String fileId) {
        return Optional.ofNullable(files.get(fileId)).map(Entry::file);
    }

    @Override
    public synchronized List<StoredFile> list(String userId, String purpose, int limit, String after) {
        return files.values().stream().map(Entry::file)
                .filter(f -> f.userId().equals(userId) && (purpose == null || f.purpose().equals(purpose)))
                .sorted(Comparator.comparing(StoredFile::id).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized InputStream open(String fileId) throws IOException {
        Entry entry = files.get(fileId);
        if (entry == null) {
            throw new FileNotFoundException(fileId);
        }
        return new ByteArrayInputStream(entry.content());
    }

    @Override
    public synchronized boolean delete(String userId, String fileId) {
        Entry entry = files.get(fileId);
        if (entry == null || !entry.file().userId().equals(userId)) {
            return false;
        }
        files.remove(fileId);
        return true;
    }

    /** Every file stored and not deleted, in the order stored. */
    synchronized List<StoredFile> all() {
        return files.values().stream().map(Entry::file).toList();
    }

    /** The content of a file, as text. */
    synchronized String text(String fileId) {
        return new String(files.get(fileId).content(), StandardCharsets.UTF_8);
    }
}
