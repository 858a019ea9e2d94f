package io.inferencegateway.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A temporary directory for one run's files (database, broker logs), removed on {@link #close()} and by a JVM shutdown
 * hook, so that SIGTERM or Ctrl-C leaves nothing behind.
 *
 * <p>Servers whose files live here register with {@link #closeBeforeRemoval}: the directory then stops them (last
 * registered first) before it removes their files. One hook does both because shutdown hooks run concurrently, in no
 * order, and a data directory must not vanish under a running PostgreSQL.
 *
 * <p>SIGKILL runs no hook: {@link #removeAbandoned} removes, on a later run, what a killed JVM left. A PostgreSQL
 * orphaned that way notices its data directory is gone and stops by itself (it rechecks its lock file every minute).
 */
public final class RunDirectory implements AutoCloseable {

    private static final String OWNER_FILE = "owner.pid";

    private final Path base;
    private final Path path;
    private final Thread shutdownHook;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    private RunDirectory(Path base, Path path) {
        this.base = base;
        this.path = path;
        this.shutdownHook = new Thread(this::closeResourcesAndRemove, "run-directory-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Creates {@code base/<prefix>-<random>}, and {@code base} itself if needed. */
    public static RunDirectory create(Path base, String prefix) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(prefix, "prefix");
        try {
            Path absoluteBase = base.toAbsolutePath().normalize();
            Files.createDirectories(absoluteBase);
            Path path = Files.createTempDirectory(absoluteBase, prefix + "-");
            Files.writeString(path.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return new RunDirectory(absoluteBase, path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a run directory under " + base, e);
        }
    }

    /**
     * Removes the directories {@code base/<prefix>-*} whose owning process is gone (killed before its hook could run).
     *
     * @return the directories removed
     */
    public static List<Path> removeAbandoned(Path base, String prefix) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return removed;
        }
        try (Stream<Path> children = Files.list(base)) {
            for (Path child : children.filter(c -> c.getFileName().toString().startsWith(prefix + "-")).toList()) {
                if (isAbandoned(child)) {
                    FileTrees.deleteRecursively(child);
                    removed.add(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look for abandoned run directories in " + base, e);
        }
        return removed;
    }

    /** The directory itself. */
    public Path path() {
        return path;
    }

    /** The directory this one was created in; it stays when this one is removed. */
    public Path base() {
        return base;
    }

    /** Creates a fresh subdirectory with a unique name starting with {@code prefix}. */
    public Path newSubdirectory(String prefix) {
        try {
            return Files.createTempDirectory(path, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory in " + path, e);
        }
    }

    /** Has {@code resource} closed before this directory is removed, on close() or at JVM exit. */
    public synchronized <T extends AutoCloseable> T closeBeforeRemoval(T resource) {
        if (closed) {
            throw new IllegalStateException("Run directory " + path + " is already closed");
        }
        resources.push(resource);
        return resource;
    }

    /** Forgets a resource that was closed by its owner, so the directory does not keep it alive. */
    public synchronized void release(AutoCloseable resource) {
        resources.removeIf(r -> r == resource);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closeResourcesAndRemove();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run, and did the same work.
        }
    }

    private synchronized void closeResourcesAndRemove() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                failure = chain(failure, e);
            }
        }
        try {
            FileTrees.deleteRecursively(path);
        } catch (RuntimeException e) {
            failure = chain(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Abandoned when its owner no longer runs; a new process under a reused pid started after the directory. */
    private static boolean isAbandoned(Path directory) throws IOException {
        Path owner = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
            return false; // being created right now, or not ours: leave it
        }
        Instant created = Files.getLastModifiedTime(owner).toInstant();
        long pid;
        try {
            pid = Long.parseLong(Files.readString(owner).strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant().map(start -> start.isAfter(created)).orElse(false))
                .orElse(true);
    }

    private RuntimeException chain(RuntimeException first, Exception next) {
        if (first == null) {
            return new IllegalStateException("Could not clean up run directory " + path, next);
        }
        first.addSuppressed(next);
        return first;
    }
}
