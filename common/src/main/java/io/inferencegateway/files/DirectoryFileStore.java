package io.inferencegateway.files;

import io.inferencegateway.persistence.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import javax.sql.DataSource;

/**
 * Keeps file contents under a directory, one file per id, and metadata in the {@code files} table. Content is written
 * to {@code <id>.part} and renamed to {@code <id>} once complete and synced; the row is added last. A failed upload
 * removes its partial file; a crash between rename and row leaves only an unreferenced file, never a row without
 * content.
 */
public final class DirectoryFileStore extends FileTableStore {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path directory;

    /** Creates {@code directory} if need be, so that a misconfigured path fails at start, not at the first upload. */
    public DirectoryFileStore(DataSource dataSource, Path directory) throws IOException {
        super(new FileRows(dataSource));
        this.directory = Files.createDirectories(directory.toAbsolutePath().normalize());
        if (!Files.isWritable(this.directory)) {
            throw new IOException("The file storage directory " + this.directory + " is not writable");
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public StoredFile store(String userId, String purpose, String filename, InputStream content, FileLimits limits)
            throws IOException {
        String id = FileIds.next();
        Path partial = directory.resolve(id + ".part");
        Path complete = directory.resolve(id);
        CountingReader reader = new CountingReader(content, limits);
        try {
            write(reader, partial);
            Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            remove(partial, e);
            throw e;
        }
        String sha256 = reader.sha256();
        try {
            return Sql.inTransaction(rows.dataSource(), connection -> {
                rows.insert(connection, id, userId, purpose, filename, complete.toString());
                return rows.complete(connection, id, reader.bytes(), reader.lines(), sha256);
            });
        } catch (RuntimeException e) {
            remove(complete, e);
            throw e;
        }
    }

    /** Removes what a failed upload wrote, without hiding why it failed. */
    private static void remove(Path path, Exception cause) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void write(CountingReader reader, Path partial) throws IOException {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = reader.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            // An accepted upload must survive a crash: sync before the rename makes it visible.
            channel.force(true);
        }
    }
}
