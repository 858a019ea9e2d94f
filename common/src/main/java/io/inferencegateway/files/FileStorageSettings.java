package io.inferencegateway.files;

import io.inferencegateway.config.Environment;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where file contents live and how large an upload may be.
 *
 * @param directory    a directory for {@link DirectoryFileStore}, or empty for {@link PostgresFileStore}
 * @param uploadLimits the bounds of an uploaded batch input (OpenAI's 200 MB and 50,000 lines by default)
 */
public record FileStorageSettings(Optional<Path> directory, FileLimits uploadLimits) {

    /** The value of {@code GATEWAY_FILE_STORAGE} that keeps contents in PostgreSQL (the default). */
    public static final String POSTGRES = "postgres";
    /** The prefix of a {@code GATEWAY_FILE_STORAGE} value that names a directory: {@code directory:/some/path}. */
    public static final String DIRECTORY_PREFIX = "directory:";

    public FileStorageSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(uploadLimits, "uploadLimits");
        if (uploadLimits.maxBytes() < 1 || uploadLimits.maxLines() < 1) {
            throw new IllegalArgumentException("File limits must be at least 1 byte and 1 line, were " + uploadLimits);
        }
    }

    public static FileStorageSettings defaults() {
        return new FileStorageSettings(Optional.empty(), FileLimits.BATCH_INPUT);
    }

    /**
     * From {@code GATEWAY_FILE_STORAGE} ({@code postgres} or {@code directory:/some/path}), {@code
     * GATEWAY_FILE_MAX_BYTES} and {@code GATEWAY_FILE_MAX_LINES}; unset or blank variables take the defaults.
     */
    public static FileStorageSettings from(Function<String, String> variables) {
        String storage = value(variables, Environment.FILE_STORAGE).orElse(POSTGRES);
        Optional<Path> directory;
        if (storage.equals(POSTGRES)) {
            directory = Optional.empty();
        } else if (storage.startsWith(DIRECTORY_PREFIX) && !storage.substring(DIRECTORY_PREFIX.length()).isBlank()) {
            directory = Optional.of(Path.of(storage.substring(DIRECTORY_PREFIX.length()).trim()));
        } else {
            throw new IllegalArgumentException(Environment.FILE_STORAGE + " must be '" + POSTGRES + "' or '"
                    + DIRECTORY_PREFIX + "/some/path', was '" + storage + "'");
        }
        FileLimits defaults = FileLimits.BATCH_INPUT;
        long maxBytes = value(variables, Environment.FILE_MAX_BYTES).map(v -> number(Environment.FILE_MAX_BYTES, v))
                .orElse(defaults.maxBytes());
        long maxLines = value(variables, Environment.FILE_MAX_LINES).map(v -> number(Environment.FILE_MAX_LINES, v))
                .orElse((long) defaults.maxLines());
        if (maxLines > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(Environment.FILE_MAX_LINES + " must be at most " + Integer.MAX_VALUE);
        }
        return new FileStorageSettings(directory, new FileLimits(maxBytes, (int) maxLines));
    }

    private static Optional<String> value(Function<String, String> variables, String name) {
        String value = variables.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
