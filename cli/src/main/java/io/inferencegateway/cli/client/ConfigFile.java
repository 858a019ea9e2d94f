package io.inferencegateway.cli.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * igw's settings file: {@code IGW_CONFIG} if set, else {@code $XDG_CONFIG_HOME/igw/config}, else
 * {@code ~/.config/igw/config}; {@code base_url} and {@code api_key} as Java properties. It holds a key, so it is
 * written readable by its owner only (0600, in a 0700 directory), and replaced whole, never half-written.
 */
public final class ConfigFile {

    public static final String PATH_VARIABLE = "IGW_CONFIG";
    private static final String BASE_URL = "base_url";
    private static final String API_KEY = "api_key";

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    /** The stored values; null where the file or a value is absent. */
    public record Values(String baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "Values[baseUrl=" + baseUrl + "]";
        }
    }

    public static ConfigFile locate(UnaryOperator<String> env) {
        String explicit = env.apply(PATH_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return new ConfigFile(Path.of(explicit));
        }
        String xdg = env.apply("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ConfigFile(base.resolve("igw").resolve("config"));
    }

    public Path path() {
        return path;
    }

    public Values read() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return new Values(null, null);
        } catch (IOException e) {
            throw GatewayException.usage("cannot read " + path + ": " + e.getMessage());
        }
        return new Values(properties.getProperty(BASE_URL), properties.getProperty(API_KEY));
    }

    /** Writes both values to a new file only the user may read, then moves it over the old one. */
    public void write(Values values) {
        Properties properties = new Properties();
        properties.setProperty(BASE_URL, values.baseUrl());
        properties.setProperty(API_KEY, values.apiKey());
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path next = dir.resolve(path.getFileName() + ".new");
            Files.deleteIfExists(next);
            // Created 0600 before the key is written: there is no moment when another user could read it.
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                properties.store(out, "igw: the gateway and the API key igw uses (written by igw login)");
            }
            try {
                Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("another igw login is writing " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
