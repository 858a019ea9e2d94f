package io.inferencegateway.gateway.logs;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of PostgreSQL's {@code COPY ... FROM STDIN} text format at a time: columns separated by tabs, rows ended by
 * a newline, {@code \N} for null, and backslash, tab, newline and carriage return escaped in values.
 */
final class CopyText {

    private final StringBuilder out;
    private boolean rowStarted;

    CopyText(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    CopyText text(String value) {
        separate();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        // Runs without a character to escape are copied whole: a prompt or an answer is hundreds of characters.
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                out.append(value, run, i).append(escaped);
                run = i + 1;
            }
        }
        out.append(value, run, value.length());
        return this;
    }

    CopyText uuid(UUID value) {
        return raw(value == null ? null : value.toString());
    }

    /** ISO-8601 in UTC, which timestamptz reads without depending on the session's time zone. */
    CopyText timestamp(Instant value) {
        return raw(value == null ? null : value.toString());
    }

    CopyText number(Number value) {
        return raw(value == null ? null : value.toString());
    }

    CopyText bool(boolean value) {
        return raw(value ? "t" : "f");
    }

    CopyText endRow() {
        out.append('\n');
        rowStarted = false;
        return this;
    }

    boolean isEmpty() {
        return out.isEmpty();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A value that cannot hold a character needing an escape. */
    private CopyText raw(String value) {
        separate();
        out.append(value == null ? "\\N" : value);
        return this;
    }

    private void separate() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }
}
