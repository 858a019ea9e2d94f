package io.inferencegateway.bench;

import java.util.Arrays;
import java.util.List;

/** Reads {@code jstat -gc} lines: the heap in use (survivors, eden, old) and the old generation alone, in bytes. */
final class JstatGc {

    /** One jstat line. */
    record Sample(long usedBytes, long oldUsedBytes) {
    }

    private final List<String> columns;

    private JstatGc(List<String> columns) {
        this.columns = columns;
    }

    /** @param header jstat's first line, e.g. {@code S0C S1C S0U S1U EC EU OC OU MC MU ...} */
    static JstatGc withHeader(String header) {
        List<String> columns = Arrays.asList(header.trim().split("\\s+"));
        for (String needed : List.of("EU", "OU")) {
            if (!columns.contains(needed)) {
                throw new IllegalArgumentException("Not a jstat -gc header: '" + header + "'");
            }
        }
        return new JstatGc(columns);
    }

    static boolean isHeader(String line) {
        return line.trim().startsWith("S0C");
    }

    Sample parse(String line) {
        String[] values = line.trim().split("\\s+");
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("jstat line has " + values.length + " values for " + columns.size()
                    + " columns: '" + line + "'");
        }
        double old = kilobytes(values, "OU");
        double used = kilobytes(values, "S0U") + kilobytes(values, "S1U") + kilobytes(values, "EU") + old;
        return new Sample(Math.round(used * 1024), Math.round(old * 1024));
    }

    /** A column in kB; {@code -} (a generation this collector does not have) counts as 0, a decimal comma as a point. */
    private double kilobytes(String[] values, String column) {
        int index = columns.indexOf(column);
        if (index < 0 || values[index].equals("-")) {
            return 0;
        }
        return Double.parseDouble(values[index].replace(',', '.'));
    }
}
