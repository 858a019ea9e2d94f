package io.inferencegateway.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/** Builds the {@link FileStore} that {@link FileStorageSettings} names. */
public final class FileStores {

    private FileStores() {
    }

    public static FileStore create(FileStorageSettings settings, DataSource dataSource) {
        if (settings.directory().isEmpty()) {
            return new PostgresFileStore(dataSource);
        }
        try {
            return new DirectoryFileStore(dataSource, settings.directory().get());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use " + settings.directory().get() + " for file storage", e);
        }
    }
}
