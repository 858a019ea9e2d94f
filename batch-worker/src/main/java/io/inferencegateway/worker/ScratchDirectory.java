package io.inferencegateway.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory of this process's own for temporary files, removed with everything in it on close. */
final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    static ScratchDirectory create(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            return new ScratchDirectory(Files.createTempDirectory(parent, prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory under " + parent, e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
