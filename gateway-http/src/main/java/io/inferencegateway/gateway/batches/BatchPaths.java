package io.inferencegateway.gateway.batches;

import io.inferencegateway.gateway.batches.BatchSettings.BatchRoot;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.text.Excerpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the paths of FIRST-style batches against the configured roots. A path must be absolute, free of
 * {@code ..}, lexically under a root (so nothing outside the roots is ever looked at), and still under a root once
 * symbolic links are resolved. FIRST checked nothing but non-emptiness and let workers read whatever a user named.
 */
final class BatchPaths {

    /** The {@code batches} table holds paths of up to 1000 characters. */
    static final int MAX_LENGTH = 1000;

    private final List<BatchRoot> roots;

    BatchPaths(List<BatchRoot> roots) {
        this.roots = List.copyOf(roots);
    }

    /** A FIRST-style batch can be submitted at all: some root is configured. */
    void requireRoots() {
        if (roots.isEmpty()) {
            throw ApiException.badRequest("batch_unavailable", "Batches on server paths are unavailable: this "
                    + "gateway has no directories configured for them (GATEWAY_BATCH_ROOTS). Upload the input with "
                    + "POST /v1/files and use POST /v1/batches instead.", null);
        }
    }

    /** The input file, normalized: it must exist, be a regular file and be readable now. */
    Path inputFile(String value, String param) {
        Path path = underRoot(value, param);
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw invalid(param, "'" + param + "' names a file that does not exist or cannot be read: '"
                    + Excerpt.of(value) + "'.");
        }
        requireRealUnderRoot(real, value, param);
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw invalid(param, "'" + param + "' must name a readable regular file, got '"
                    + Excerpt.of(value) + "'.");
        }
        return path;
    }

    /** The output folder, normalized: it may not exist yet, but its deepest existing ancestor must be a directory. */
    Path outputFolder(String value, String param) {
        Path path = underRoot(value, param);
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing == null ? null : existing.toRealPath();
        } catch (IOException e) {
            real = null;
        }
        if (real == null) {
            throw invalid(param, "'" + param + "' cannot be resolved: '" + Excerpt.of(value) + "'.");
        }
        requireRealUnderRoot(real, value, param);
        if (!Files.isDirectory(real)) {
            throw invalid(param, "'" + param + "' must be a directory or a path inside one, got '"
                    + Excerpt.of(value) + "'.");
        }
        return path;
    }

    /** The checks that need no filesystem access. */
    private Path underRoot(String value, String param) {
        if (value.length() > MAX_LENGTH) {
            throw invalid(param, "'" + param + "' is longer than " + MAX_LENGTH + " characters.");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(param, "'" + param + "' is not a valid path.");
        }
        if (!path.isAbsolute()) {
            throw invalid(param, "'" + param + "' must be an absolute path, got '" + Excerpt.of(value) + "'.");
        }
        for (Path name : path) {
            if (name.toString().equals("..")) {
                throw invalid(param, "'" + param + "' must not contain '..', got '" + Excerpt.of(value) + "'.");
            }
        }
        Path normalized = path.normalize();
        boolean inside = roots.stream().anyMatch(root -> normalized.startsWith(root.configured())
                || normalized.startsWith(root.real()));
        if (!inside) {
            throw invalid(param, "'" + param + "' must be inside " + allowed() + ", got '"
                    + Excerpt.of(value) + "'.");
        }
        return normalized;
    }

    private void requireRealUnderRoot(Path real, String value, String param) {
        if (roots.stream().noneMatch(root -> real.startsWith(root.real()))) {
            throw invalid(param, "'" + param + "' leads outside " + allowed() + " through a symbolic link: '"
                    + Excerpt.of(value) + "'.");
        }
    }

    private String allowed() {
        String names = roots.stream().map(root -> root.configured().toString()).collect(Collectors.joining(", "));
        return roots.size() == 1 ? names : "one of " + names;
    }

    private static ApiException invalid(String param, String message) {
        return ApiException.badRequest("invalid_path", message, param);
    }
}
