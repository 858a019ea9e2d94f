package io.inferencegateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Receives an upload on local disk before any database connection is taken for it, so that a client that sends slowly
 * (or stops) holds a file and a thread, never a connection of the pool; and lets only a few spooled uploads write
 * into PostgreSQL at once, so that uploads can never take the connections that authentication and every other
 * request need.
 */
public final class UploadSpool {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path directory;
    private final Semaphore writers;
    private final Duration writerWait;

    /**
     * @param directory  where uploads wait while they arrive (created if need be)
     * @param writers    spooled uploads writing into the database at once
     * @param writerWait the longest an upload waits for its turn to write before it is refused
     */
    public UploadSpool(Path directory, int writers, Duration writerWait) throws IOException {
        if (writers < 1) {
            throw new IllegalArgumentException("At least one upload must be able to write, was " + writers);
        }
        this.directory = Files.createDirectories(directory.toAbsolutePath().normalize());
        this.writers = new Semaphore(writers, true);
        this.writerWait = writerWait;
    }

    public Path directory() {
        return directory;
    }

    /** Reads {@code content} to its end into a new spool file, counting it against {@code limits} on the way. */
    Spooled receive(InputStream content, FileLimits limits) throws IOException {
        Path file = Files.createTempFile(directory, "upload-", ".part");
        CountingReader reader = new CountingReader(content, limits);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = reader.fill(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (n < buffer.length) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(file, e);
            throw e;
        }
        return new Spooled(file, reader);
    }

    /** Runs {@code write} once a writer's turn is free; an upload that waits too long is refused as a busy server. */
    <T> T write(IoSupplier<T> write) throws IOException {
        try {
            if (!writers.tryAcquire(writerWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StorageBusyException("Too many uploads are being stored at once; try again shortly.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting to store an upload");
        }
        try {
            return write.get();
        } finally {
            writers.release();
        }
    }

    /** A piece of work that reads or writes. */
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static void delete(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** An upload received whole on disk: read again in chunks, with the counts and hash taken on arrival. */
    static final class Spooled implements ChunkSource, AutoCloseable {
        private final Path file;
        private final CountingReader arrival;
        private InputStream in;

        Spooled(Path file, CountingReader arrival) {
            this.file = file;
            this.arrival = arrival;
        }

        @Override
        public int fill(byte[] buffer) throws IOException {
            if (in == null) {
                in = Files.newInputStream(file);
            }
            return in.readNBytes(buffer, 0, buffer.length);
        }

        @Override
        public long bytes() {
            return arrival.bytes();
        }

        @Override
        public long lines() {
            return arrival.lines();
        }

        @Override
        public String sha256() {
            return arrival.sha256();
        }

        @Override
        public void close() throws IOException {
            try {
                if (in != null) {
                    in.close();
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
