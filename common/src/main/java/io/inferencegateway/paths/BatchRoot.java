package io.inferencegateway.paths;

import java.nio.file.Path;
import java.util.List;

/**
 * One directory a user's FIRST-style batches may read and write under.
 *
 * @param configured the directory as users write it: configured by the operator, normalized, {@code {user}} expanded
 * @param real       the same directory reached through the operator's symbolic links resolved (either spelling
 *                   names it)
 * @param trusted    where opening starts, following links: the real path of what the operator configured up to
 *                   {@code {user}} (all of it for a root without {@code {user}})
 * @param below      the names from {@code trusted} down to this root, opened like any user path, without following
 *                   links: a user who owns {@code /data/alice} cannot point {@code /data/alice/batches} elsewhere
 */
public record BatchRoot(Path configured, Path real, Path trusted, List<String> below) {

    public BatchRoot {
        below = List.copyOf(below);
    }

    /** A root that is wholly the operator's, such as a shared directory. */
    static BatchRoot fixed(Path configured, Path real) {
        return new BatchRoot(configured, real, real, List.of());
    }
}
