package io.inferencegateway.paths;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Goes down a directory tree one name at a time from a trusted directory, holding the directory it is in open and
 * opening the next name relative to it ({@code openat} with {@code O_NOFOLLOW}): a symbolic link anywhere is
 * refused, and swapping a name for a link after it was looked at changes nothing, since the walk never looks a
 * path up again from the top. Whatever it opens therefore lies under the directory it started from.
 */
final class NoFollowWalk implements Closeable {

    private static final LinkOption NO_FOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** What a name in the current directory is, without following it. */
    enum Kind { MISSING, LINK, DIRECTORY, FILE, OTHER }

    private SecureDirectoryStream<Path> directory;
    /** The current directory's path, for messages and for creating a directory (Java has no {@code mkdirat}). */
    private Path where;

    private NoFollowWalk(SecureDirectoryStream<Path> directory, Path where) {
        this.directory = directory;
        this.where = where;
    }

    /** Starts at {@code trusted}, an operator's directory, opened following its links. */
    static NoFollowWalk at(Path trusted) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(trusted);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new NoFollowWalk(secure, trusted);
        }
        stream.close();
        throw new IOException("This platform cannot open a path relative to a directory (no SecureDirectoryStream), "
                + "so batch paths cannot be opened safely");
    }

    Kind kind(String name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = directory.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NO_FOLLOW)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        }
        if (attributes.isSymbolicLink()) {
            return Kind.LINK;
        }
        return attributes.isDirectory() ? Kind.DIRECTORY : attributes.isRegularFile() ? Kind.FILE : Kind.OTHER;
    }

    /** Steps into directory {@code name}; fails on a link, whatever {@link #kind} said a moment before. */
    void enter(String name) throws IOException {
        SecureDirectoryStream<Path> child = directory.newDirectoryStream(Path.of(name), NO_FOLLOW);
        directory.close();
        directory = child;
        where = where.resolve(name);
    }

    /** Creates directory {@code name} here; the caller then {@link #enter}s it, which fails if a race moved it. */
    void createDirectory(String name) throws IOException {
        Files.createDirectory(where.resolve(name));
    }

    /** Opens file {@code name} here, never through a link. */
    SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
        return directory.newByteChannel(Path.of(name), options);
    }

    /** Renames {@code from} to {@code to} here; an existing {@code to} is replaced, never written through. */
    void rename(String from, String to) throws IOException {
        directory.move(Path.of(from), directory, Path.of(to));
    }

    void delete(String name) throws IOException {
        directory.deleteFile(Path.of(name));
    }

    @Override
    public void close() throws IOException {
        directory.close();
    }
}
