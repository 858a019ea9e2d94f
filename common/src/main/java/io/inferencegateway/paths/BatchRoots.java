package io.inferencegateway.paths;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.config.Environment;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The directories FIRST-style batches may use, per user. From {@code GATEWAY_BATCH_ROOTS}, ':'-separated: a
 * directory with {@code {user}} as one of its names is each user's own ({@code /data/{user}} is
 * {@code /data/alice} for user {@code alice}, see {@link UserDirectory}); one without it is shared by every user.
 * From {@code GATEWAY_BATCH_USER_ROOTS}, a JSON object from user id to ':'-separated directories (or an array of
 * them): more roots for those users. gateway-http and batch-worker read the same variables, so the worker checks
 * a batch against the same roots as the gateway did when it was submitted.
 */
public final class BatchRoots {

    private static final String USER_ROOTS = Environment.BATCH_USER_ROOTS;

    /** A root with {@code {user}}: its trusted part and the names below it, the placeholder among them. */
    private record Template(Path configured, Path real, List<String> below) {
        BatchRoot expand(String userId) {
            String directory = UserDirectory.name(userId);
            List<String> names = below.stream()
                    .map(name -> name.equals(UserDirectory.PLACEHOLDER) ? directory : name).toList();
            Path configuredRoot = configured;
            Path realRoot = real;
            for (String name : names) {
                configuredRoot = configuredRoot.resolve(name);
                realRoot = realRoot.resolve(name);
            }
            return new BatchRoot(configuredRoot, realRoot, real, names);
        }
    }

    private final List<BatchRoot> shared;
    private final List<Template> templates;
    private final Map<String, List<BatchRoot>> perUser;

    private BatchRoots(List<BatchRoot> shared, List<Template> templates, Map<String, List<BatchRoot>> perUser) {
        this.shared = List.copyOf(shared);
        this.templates = List.copyOf(templates);
        this.perUser = Map.copyOf(perUser);
    }

    public static BatchRoots none() {
        return new BatchRoots(List.of(), List.of(), Map.of());
    }

    /** Reads both variables; a directory that cannot be used stops the process at start. */
    public static BatchRoots fromEnvironment(Function<String, String> environment) {
        return parse(environment.apply(Environment.BATCH_ROOTS), environment.apply(USER_ROOTS));
    }

    public static BatchRoots parse(String roots, String userRoots) {
        List<BatchRoot> shared = new ArrayList<>();
        List<Template> templates = new ArrayList<>();
        for (String entry : entries(roots)) {
            Path path = absolute(Environment.BATCH_ROOTS, entry);
            List<String> names = new ArrayList<>();
            path.forEach(name -> names.add(name.toString()));
            int first = names.indexOf(UserDirectory.PLACEHOLDER);
            if (first < 0 && entry.contains(UserDirectory.PLACEHOLDER)) {
                throw new IllegalArgumentException(Environment.BATCH_ROOTS + " lists '" + entry + "': "
                        + UserDirectory.PLACEHOLDER + " must be a whole name in the path, as in /data/{user}");
            }
            if (first < 0) {
                shared.add(BatchRoot.fixed(path, real(Environment.BATCH_ROOTS, entry, path)));
            } else {
                Path base = path.getRoot();
                for (String name : names.subList(0, first)) {
                    base = base.resolve(name);
                }
                templates.add(new Template(base, real(Environment.BATCH_ROOTS, entry, base),
                        names.subList(first, names.size())));
            }
        }
        return new BatchRoots(shared, templates, perUser(userRoots));
    }

    /** Some root is configured: FIRST-style batches are on. */
    public boolean configured() {
        return !shared.isEmpty() || !templates.isEmpty() || !perUser.isEmpty();
    }

    /** The roots of {@code userId}: the shared ones, the templates made theirs, and those listed for them. */
    public List<BatchRoot> forUser(String userId) {
        List<BatchRoot> roots = new ArrayList<>(shared);
        templates.forEach(template -> roots.add(template.expand(userId)));
        roots.addAll(perUser.getOrDefault(userId, List.of()));
        return roots;
    }

    private static Map<String, List<BatchRoot>> perUser(String value) {
        Map<String, List<BatchRoot>> roots = new HashMap<>();
        if (value == null || value.isBlank()) {
            return roots;
        }
        JsonNode mapping;
        try {
            mapping = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(USER_ROOTS + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (mapping == null || !mapping.isObject()) {
            throw new IllegalArgumentException(USER_ROOTS + " must be a JSON object from user id to directories");
        }
        mapping.fields().forEachRemaining(field -> {
            List<String> listed = new ArrayList<>();
            if (field.getValue().isTextual()) {
                listed.addAll(entries(field.getValue().textValue()));
            } else if (field.getValue().isArray()) {
                field.getValue().forEach(item -> listed.add(item.asText()));
            } else {
                throw new IllegalArgumentException(USER_ROOTS + " gives user '" + field.getKey()
                        + "' neither a string nor an array of directories");
            }
            List<BatchRoot> userRoots = new ArrayList<>();
            for (String entry : listed) {
                if (entry.contains(UserDirectory.PLACEHOLDER)) {
                    throw new IllegalArgumentException(USER_ROOTS + " lists '" + entry + "' for user '"
                            + field.getKey() + "': " + UserDirectory.PLACEHOLDER + " belongs in "
                            + Environment.BATCH_ROOTS);
                }
                Path path = absolute(USER_ROOTS, entry);
                userRoots.add(BatchRoot.fixed(path, real(USER_ROOTS, entry, path)));
            }
            roots.put(field.getKey(), userRoots);
        });
        return roots;
    }

    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(":")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }

    private static Path absolute(String variable, String entry) {
        Path path;
        try {
            path = Path.of(entry);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(variable + " lists '" + entry + "', which is not a valid path", e);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(variable + " lists '" + entry + "', which is not an absolute path");
        }
        for (Path name : path) {
            if (name.toString().equals("..")) {
                throw new IllegalArgumentException(variable + " lists '" + entry + "', which holds '..'");
            }
        }
        return path.normalize();
    }

    /** The operator's directory with its links resolved: it must exist when the process starts. */
    private static Path real(String variable, String entry, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(variable + " lists '" + entry + "', but " + directory
                    + " is not an existing directory");
        }
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + " lists '" + entry + "', which cannot be used: "
                    + e.getMessage(), e);
        }
    }
}
