package io.inferencegateway.bench;

import java.util.Locale;

/** How figures are written in the report. */
final class Formats {

    private static final double MIB = 1024.0 * 1024.0;

    private Formats() {
    }

    /** Milliseconds with three significant decimals for small values: {@code 0.152 ms}, {@code 12.40 ms}, {@code 105.3 ms}. */
    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "—";
        }
        double size = Math.abs(millis);
        String pattern = size < 10 ? "%.3f ms" : size < 100 ? "%.2f ms" : "%.1f ms";
        return String.format(Locale.ROOT, pattern, millis);
    }

    /** A difference in milliseconds, always signed: {@code +0.061 ms}. */
    static String addedMillis(double millis) {
        return (millis >= 0 ? "+" : "") + millis(millis);
    }

    /** A rate with thousands separators: {@code 12,345}. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
    }

    /** Microseconds, one decimal below 100: {@code 8.4}, {@code 152}. */
    static String micros(double micros) {
        return String.format(Locale.ROOT, micros < 100 ? "%.1f" : "%.0f", micros);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / MIB);
    }

    /** Decimal megabytes, as upload limits are written: {@code 200 MB}. */
    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
    }

    /** A number as short as it can be written: {@code 2}, {@code 0.5}. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
