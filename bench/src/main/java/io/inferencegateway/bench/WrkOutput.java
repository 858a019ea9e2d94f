package io.inferencegateway.bench;

import java.util.HashMap;
import java.util.Map;

/** Reads the line our Lua {@code done()} hook adds to wrk's output (see {@link WrkScript}). */
final class WrkOutput {

    static final String MARKER = "BENCH";

    private WrkOutput() {
    }

    /** The result in {@code stdout}; fails, quoting the output, when wrk printed no result line. */
    static WrkResult parse(String stdout) {
        for (String line : stdout.split("\n")) {
            if (line.startsWith(MARKER + " ")) {
                return fromFields(fields(line.substring(MARKER.length() + 1)), line);
            }
        }
        throw new IllegalArgumentException("wrk printed no " + MARKER + " line; its output was:\n" + stdout);
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return fields;
    }

    private static WrkResult fromFields(Map<String, String> f, String line) {
        try {
            long errors = whole(f, "connect") + whole(f, "read") + whole(f, "write") + whole(f, "status")
                    + whole(f, "timeout");
            return new WrkResult(whole(f, "requests"), whole(f, "duration_us"), errors, number(f, "p50_us"),
                    number(f, "p90_us"), number(f, "p99_us"), number(f, "mean_us"), number(f, "max_us"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unreadable wrk result line '" + line + "': " + e.getMessage(), e);
        }
    }

    private static long whole(Map<String, String> fields, String name) {
        return Math.round(number(fields, name));
    }

    private static double number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return Double.parseDouble(value);
    }
}
