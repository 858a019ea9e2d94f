package io.inferencegateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where file contents live: PostgreSQL or a directory (configurable), behind one contract. Contents are always
 * streamed in and out, never held whole in memory; metadata lives in the {@code files} table either way.
 */
public interface FileStore {

    /**
     * Stores {@code content} as a new file of {@code userId}, counting its bytes and lines as it goes.
     *
     * @param limits refused (with {@link FileTooLargeException}) as soon as the content exceeds them; nothing is kept
     * @throws IOException what {@code content} throws is rethrown unchanged after everything stored so far is
     *                     removed, so a caller may refuse an upload by failing its stream
     */
    StoredFile store(String userId, String purpose, String filename, InputStream content, FileLimits limits)
            throws IOException;

    /** The file's metadata if it exists, is not deleted, and belongs to {@code userId}. */
    Optional<StoredFile> find(String userId, String fileId);

    /** The file's metadata regardless of owner (for workers acting on behalf of the owner). */
    Optional<StoredFile> find(String fileId);

    /** The user's files, newest first. */
    List<StoredFile> list(String userId, String purpose, int limit, String after);

    /** Opens the content for reading; the caller closes the stream. */
    InputStream open(String fileId) throws IOException;

    /** Deletes the file and its content; true if the user's file existed. */
    boolean delete(String userId, String fileId);
}
