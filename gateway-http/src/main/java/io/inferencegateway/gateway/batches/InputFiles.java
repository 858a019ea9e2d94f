package io.inferencegateway.gateway.batches;

import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** What batch intake reads of uploaded files: a user's file's metadata, and content. {@link FileStore} has both. */
public interface InputFiles {

    /** The file if it exists, is not deleted, and belongs to {@code userId}. */
    Optional<StoredFile> find(String userId, String fileId);

    /** Opens the content; the caller closes the stream. */
    InputStream open(String fileId) throws IOException;

    /** Reads through a {@link FileStore}. */
    static InputFiles of(FileStore store) {
        return new InputFiles() {
            @Override
            public Optional<StoredFile> find(String userId, String fileId) {
                return store.find(userId, fileId);
            }

            @Override
            public InputStream open(String fileId) throws IOException {
                return store.open(fileId);
            }
        };
    }
}
