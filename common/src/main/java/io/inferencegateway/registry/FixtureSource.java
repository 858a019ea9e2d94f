package io.inferencegateway.registry;

/**
 * Where a definition came from, for error messages: a fixture file entry, or a row in the database.
 *
 * @param origin the file name, or {@code database}
 * @param index  1-based position in the file, or 0 for database rows
 * @param pk     the entry's primary key, or -1 when it has none yet
 */
public record FixtureSource(String origin, int index, long pk) {

    public String describe() {
        if (index == 0) {
            return origin + " (id " + pk + ")";
        }
        return origin + ", entry " + index + (pk >= 0 ? " (pk " + pk + ")" : "");
    }
}
