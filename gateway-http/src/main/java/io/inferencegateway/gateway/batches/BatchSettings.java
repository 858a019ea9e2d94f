package io.inferencegateway.gateway.batches;

import io.inferencegateway.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Batch intake settings.
 *
 * @param roots     directories FIRST-style batches may read inputs from and write outputs to; empty turns FIRST-style
 *                  submission off
 * @param maxActive most unfinished batches per user, 0 for no limit
 */
public record BatchSettings(List<BatchRoot> roots, int maxActive) {

    /** FIRST's documented default (its code says 1, its docs 2). */
    public static final int DEFAULT_MAX_ACTIVE = 2;

    /**
     * One allowed directory.
     *
     * @param configured the directory as configured, normalized
     * @param real       the same directory with every symbolic link resolved
     */
    public record BatchRoot(Path configured, Path real) {
    }

    public BatchSettings {
        roots = List.copyOf(roots);
        if (maxActive < 0) {
            throw new IllegalArgumentException(Environment.BATCH_MAX_ACTIVE + " must be 0 or more, was " + maxActive);
        }
    }

    /** From {@code GATEWAY_BATCH_ROOTS} and {@code GATEWAY_BATCH_MAX_ACTIVE}; a root that is not a directory fails. */
    public static BatchSettings fromEnvironment(Function<String, String> environment) {
        int maxActive = Environment.wholeNumber(environment, Environment.BATCH_MAX_ACTIVE, DEFAULT_MAX_ACTIVE);
        return new BatchSettings(roots(environment.apply(Environment.BATCH_ROOTS)), maxActive);
    }

    static List<BatchRoot> roots(String value) {
        List<BatchRoot> roots = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return roots;
        }
        for (String entry : value.split(":")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                Path root = Path.of(entry.trim());
                if (!root.isAbsolute()) {
                    throw new IllegalArgumentException(Environment.BATCH_ROOTS + " lists '" + entry
                            + "', which is not an absolute path");
                }
                if (!Files.isDirectory(root)) {
                    throw new IllegalArgumentException(Environment.BATCH_ROOTS + " lists '" + entry
                            + "', which is not an existing directory");
                }
                roots.add(new BatchRoot(root.normalize(), root.toRealPath()));
            } catch (InvalidPathException | IOException e) {
                throw new IllegalArgumentException(Environment.BATCH_ROOTS + " lists '" + entry + "', which cannot be "
                        + "used: " + e.getMessage(), e);
            }
        }
        return roots;
    }
}
