package io.inferencegateway.paths;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one rule for the paths of a user's FIRST-style batches, applied by gateway-http when a batch is submitted and
 * by the workers each time they open one. A path must be absolute, free of {@code ..}, lexically inside one of the
 * user's roots, and reachable from there without a symbolic link anywhere: every name is opened relative to the
 * directory before it and never followed ({@link NoFollowWalk}), so a link swapped in after the check is refused
 * and whatever is opened lies under the user's root. Output files are created under a fresh name
 * ({@code CREATE_NEW}) and renamed into place, never written through a name that already exists.
 */
public final class ConfinedPaths {

    /** The {@code batches} table holds paths of up to 1000 characters. */
    public static final int MAX_LENGTH = 1000;

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
            LinkOption.NOFOLLOW_LINKS);

    private final List<BatchRoot> roots;

    /** @param roots one user's roots ({@link BatchRoots#forUser}) */
    public ConfinedPaths(List<BatchRoot> roots) {
        this.roots = List.copyOf(roots);
    }

    /** A path inside a root: the root, the normalized path, and the names from the root's trusted directory down. */
    private record Located(BatchRoot root, Path path, String value, String param, List<String> names) {
        /** The names below the root itself. */
        List<String> inside() {
            return names.subList(root.below().size(), names.size());
        }
    }

    /** Checks {@code value} can be read as an input now; returns it normalized. */
    public Path checkInput(String value, String param) throws PathRefused {
        Located at = locate(value, param);
        try {
            open(at).close();
        } catch (IOException e) {
            throw unreadable(at);
        }
        return at.path();
    }

    /** Opens an input file for reading. */
    public InputStream openInput(String value, String param) throws PathRefused {
        return open(locate(value, param));
    }

    private InputStream open(Located at) throws PathRefused {
        if (at.inside().isEmpty()) {
            throw notAFile(at);
        }
        List<String> inside = at.inside();
        String file = inside.getLast();
        try (NoFollowWalk walk = enterRoot(at)) {
            for (String name : inside.subList(0, inside.size() - 1)) {
                switch (walk.kind(name)) {
                    case DIRECTORY -> enter(walk, name, at);
                    case LINK -> throw throughLink(at, name);
                    default -> throw missing(at);
                }
            }
            return switch (walk.kind(file)) {
                case FILE -> Channels.newInputStream(openFile(walk, file, at));
                case LINK -> throw throughLink(at, file);
                case MISSING -> throw missing(at);
                default -> throw notAFile(at);
            };
        } catch (IOException e) {
            throw unreadable(at);
        }
    }

    /** Checks {@code value} can become the output folder: what exists of it is a directory reached without links. */
    public Path checkOutputFolder(String value, String param) throws PathRefused {
        Located at = locate(value, param);
        try (NoFollowWalk walk = enterRoot(at)) {
            for (String name : at.inside()) {
                switch (walk.kind(name)) {
                    case MISSING -> {
                        // The rest is created when the results are written.
                        return at.path();
                    }
                    case DIRECTORY -> enter(walk, name, at);
                    case LINK -> throw throughLink(at, name);
                    default -> throw notAFolder(at);
                }
            }
            return at.path();
        } catch (IOException e) {
            throw unreadable(at);
        }
    }

    /**
     * Writes each file of {@code files} (name in the folder to the local file with its content) into folder
     * {@code value}, creating the folder's missing directories.
     *
     * @throws PathRefused the folder is not the user's to write to (as {@link #checkOutputFolder} would say)
     * @throws IOException writing failed (disk full, permissions)
     */
    public void writeFiles(String value, String param, Map<String, Path> files) throws PathRefused, IOException {
        Located at = locate(value, param);
        try (NoFollowWalk walk = enterRoot(at)) {
            for (String name : at.inside()) {
                switch (walk.kind(name)) {
                    case MISSING -> {
                        create(walk, name);
                        enter(walk, name, at);
                    }
                    case DIRECTORY -> enter(walk, name, at);
                    case LINK -> throw throughLink(at, name);
                    default -> throw notAFolder(at);
                }
            }
            for (Map.Entry<String, Path> file : files.entrySet()) {
                write(walk, file.getKey(), file.getValue());
            }
        }
    }

    private static void create(NoFollowWalk walk, String name) throws IOException {
        try {
            walk.createDirectory(name);
        } catch (FileAlreadyExistsException e) {
            // Made meanwhile, by another finalizer or the user: entering it checks what it is.
        }
    }

    /** A fresh name, then a rename into place: a link or a hard link planted under the final name is replaced. */
    private static void write(NoFollowWalk walk, String name, Path source) throws IOException {
        String partial = "." + name + "." + UUID.randomUUID() + ".partial";
        try (SeekableByteChannel channel = walk.open(partial, CREATE);
             OutputStream out = Channels.newOutputStream(channel);
             InputStream in = Files.newInputStream(source)) {
            in.transferTo(out);
        } catch (IOException e) {
            try {
                walk.delete(partial);
            } catch (IOException ignored) {
                // Nothing was created, or it cannot be removed either: the first failure is the one to report.
            }
            throw e;
        }
        walk.rename(partial, name);
    }

    private NoFollowWalk enterRoot(Located at) throws PathRefused {
        NoFollowWalk walk = null;
        try {
            walk = NoFollowWalk.at(at.root().trusted());
            for (String name : at.root().below()) {
                if (walk.kind(name) != NoFollowWalk.Kind.DIRECTORY) {
                    throw rootUnusable(at);
                }
                walk.enter(name);
            }
            return walk;
        } catch (IOException | PathRefused e) {
            closeQuietly(walk);
            throw e instanceof PathRefused refused ? refused : rootUnusable(at);
        }
    }

    /** Enters a directory; if that fails, says whether a link was swapped in since {@link NoFollowWalk#kind}. */
    private static void enter(NoFollowWalk walk, String name, Located at) throws IOException, PathRefused {
        try {
            walk.enter(name);
        } catch (IOException e) {
            if (walk.kind(name) == NoFollowWalk.Kind.LINK) {
                throw throughLink(at, name);
            }
            throw e;
        }
    }

    private static SeekableByteChannel openFile(NoFollowWalk walk, String name, Located at)
            throws IOException, PathRefused {
        try {
            return walk.open(name, READ);
        } catch (IOException e) {
            if (walk.kind(name) == NoFollowWalk.Kind.LINK) {
                throw throughLink(at, name);
            }
            throw e;
        }
    }

    /** The checks that need no filesystem access. */
    private Located locate(String value, String param) throws PathRefused {
        if (value.length() > MAX_LENGTH) {
            throw new PathRefused(param, "'" + param + "' is longer than " + MAX_LENGTH + " characters.");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new PathRefused(param, "'" + param + "' is not a valid path.");
        }
        if (!path.isAbsolute()) {
            throw new PathRefused(param, "'" + param + "' must be an absolute path, got " + PathRefused.quote(value)
                    + ".");
        }
        for (Path name : path) {
            if (name.toString().equals("..")) {
                throw new PathRefused(param, "'" + param + "' must not contain '..', got " + PathRefused.quote(value)
                        + ".");
            }
        }
        Path normalized = path.normalize();
        for (BatchRoot root : roots) {
            Path base = normalized.startsWith(root.configured()) ? root.configured()
                    : normalized.startsWith(root.real()) ? root.real() : null;
            if (base != null) {
                List<String> names = new ArrayList<>(root.below());
                base.relativize(normalized).forEach(name -> {
                    if (!name.toString().isEmpty()) {
                        names.add(name.toString());
                    }
                });
                return new Located(root, normalized, value, param, names);
            }
        }
        throw new PathRefused(param, "'" + param + "' must be inside " + allowed() + ", got "
                + PathRefused.quote(value) + ".");
    }

    private String allowed() {
        if (roots.isEmpty()) {
            return "a directory configured for your batches, and none is";
        }
        String names = roots.stream().map(root -> root.configured().toString()).collect(Collectors.joining(", "));
        return roots.size() == 1 ? names : "one of " + names;
    }

    private static PathRefused throughLink(Located at, String name) {
        return new PathRefused(at.param(), "'" + at.param() + "' passes through a symbolic link ("
                + PathRefused.quote(name) + "), which batch paths may not: " + PathRefused.quote(at.value()) + ".");
    }

    private static PathRefused missing(Located at) {
        return new PathRefused(at.param(), "'" + at.param() + "' names a file that does not exist or cannot be read: "
                + PathRefused.quote(at.value()) + ".");
    }

    private static PathRefused notAFile(Located at) {
        return new PathRefused(at.param(), "'" + at.param() + "' must name a readable regular file, got "
                + PathRefused.quote(at.value()) + ".");
    }

    private static PathRefused notAFolder(Located at) {
        return new PathRefused(at.param(), "'" + at.param() + "' must be a directory or a path inside one, got "
                + PathRefused.quote(at.value()) + ".");
    }

    private static PathRefused unreadable(Located at) {
        return new PathRefused(at.param(), "'" + at.param() + "' cannot be read or written now: "
                + PathRefused.quote(at.value()) + ".");
    }

    private static PathRefused rootUnusable(Located at) {
        return new PathRefused(at.param(), "'" + at.param() + "' lies under " + at.root().configured()
                + ", which is not a directory this gateway can use (it is missing, or a symbolic link).");
    }

    private static void closeQuietly(NoFollowWalk walk) {
        if (walk != null) {
            try {
                walk.close();
            } catch (IOException ignored) {
                // Only a directory handle: nothing was written.
            }
        }
    }
}
