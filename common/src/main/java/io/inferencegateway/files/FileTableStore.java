package io.inferencegateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both stores share: metadata in the {@code files} table, and reading and deleting by the row, which says where
 * the content is. A file therefore stays readable after the operator switches stores.
 */
abstract class FileTableStore implements FileStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileTableStore.class);

    protected final FileRows rows;

    FileTableStore(FileRows rows) {
        this.rows = rows;
    }

    @Override
    public Optional<StoredFile> find(String userId, String fileId) {
        return FileIds.isWellFormed(fileId) ? rows.find(userId, fileId) : Optional.empty();
    }

    @Override
    public Optional<StoredFile> find(String fileId) {
        return FileIds.isWellFormed(fileId) ? rows.find(null, fileId) : Optional.empty();
    }

    @Override
    public List<StoredFile> list(String userId, String purpose, int limit, String after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (after != null && !FileIds.isWellFormed(after)) {
            return List.of();
        }
        return rows.list(userId, purpose, limit, after);
    }

    @Override
    public InputStream open(String fileId) throws IOException {
        FileRows.Location location = (FileIds.isWellFormed(fileId) ? rows.location(fileId)
                : Optional.<FileRows.Location>empty()).orElseThrow(() -> new NoSuchFileException(fileId));
        if (location.storagePath() != null) {
            return Files.newInputStream(Path.of(location.storagePath()));
        }
        return new ChunkInputStream(rows.dataSource(), fileId, location.bytes());
    }

    @Override
    public boolean delete(String userId, String fileId) {
        if (!FileIds.isWellFormed(fileId)) {
            return false;
        }
        Optional<FileRows.Location> deleted = rows.delete(userId, fileId);
        deleted.map(FileRows.Location::storagePath).ifPresent(FileTableStore::removeContent);
        return deleted.isPresent();
    }

    /** After the row says "deleted"; a file that cannot be removed is only wasted space, so it is logged. */
    private static void removeContent(String storagePath) {
        try {
            Files.deleteIfExists(Path.of(storagePath));
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the content of a deleted file at {}", storagePath, e);
        }
    }
}
