package io.inferencegateway.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The image's {@code /app/lib} rebuilt from the modules' build output, in the Dockerfile's order (a later module's
 * jar of the same name takes the place of an earlier one, as {@code COPY} does): the processes under test run on
 * exactly the classpath the containers do.
 */
final class ImageLayout {

    /** The modules the Dockerfile copies into /app/lib, in its order. */
    static final List<String> MODULES = List.of("gateway-http", "batch-worker", "simulated-backend");

    private ImageLayout() {
    }

    /** Links every jar into {@code lib} under {@code directory}; fails naming the module that was not packaged. */
    static Path assemble(Path directory) {
        Path lib = directory.resolve("lib");
        try {
            Files.createDirectories(lib);
            for (String module : MODULES) {
                Path target = Repository.path(module).resolve("target");
                if (!Files.isDirectory(target.resolve("lib"))) {
                    throw new IllegalStateException(module + " is not packaged (no " + target.resolve("lib")
                            + "): run mvn package first; the reactor does, since this module depends on it");
                }
                try (Stream<Path> libs = Files.list(target.resolve("lib"));
                     Stream<Path> own = Files.list(target)) {
                    for (Path jar : Stream.concat(libs, own.filter(p -> p.getFileName().toString()
                            .matches(module + "-.*\\.jar") && !p.getFileName().toString().endsWith("-tests.jar")))
                            .toList()) {
                        Path link = lib.resolve(jar.getFileName());
                        Files.deleteIfExists(link);
                        Files.createSymbolicLink(link, jar.toAbsolutePath());
                    }
                }
            }
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out " + lib, e);
        }
    }
}
