package io.inferencegateway.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/** Builds the {@link FileStore} that {@link FileStorageSettings} names. */
public final class FileStores {

    private FileStores() {
    }

    public static FileStore create(FileStorageSettings settings, DataSource dataSource) {
        return create(settings, dataSource, null);
    }

    /**
     * A store for clients' uploads: kept in PostgreSQL, they are first received into {@code spool} (null: written as
     * they arrive, which holds a connection while the client sends); in a directory, they never hold one.
     */
    public static FileStore create(FileStorageSettings settings, DataSource dataSource, UploadSpool spool) {
        if (settings.directory().isEmpty()) {
            return new PostgresFileStore(dataSource, spool);
        }
        try {
            return new DirectoryFileStore(dataSource, settings.directory().get());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use " + settings.directory().get() + " for file storage", e);
        }
    }
}
