package io.inferencegateway.deployment;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes and durations as Compose and the JVM write them. */
final class Sizes {

    private static final Pattern COMPOSE_BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XMX = Pattern.compile("(?:^|\\s)-Xmx(\\d+)([kKmMgG]?)(?=\\s|$)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");

    private Sizes() {
    }

    /** A Compose byte value ({@code 1g}, {@code 512m}, {@code 1024}) in bytes. */
    static long composeBytes(String value) {
        Matcher matcher = COMPOSE_BYTES.matcher(value.strip());
        if (!matcher.matches()) {
            throw new AssertionError("Not a Compose memory size: '" + value + "'");
        }
        double number = Double.parseDouble(matcher.group(1));
        return (long) (number * unit(matcher.group(2)));
    }

    /** The -Xmx of a JVM option string, in bytes; empty when it sets none. */
    static Optional<Long> maxHeap(String options) {
        if (options == null) {
            return Optional.empty();
        }
        Matcher matcher = XMX.matcher(options);
        Long last = null;
        while (matcher.find()) {
            // The JVM takes the last -Xmx it is given.
            last = Long.parseLong(matcher.group(1)) * unit(matcher.group(2));
        }
        return Optional.ofNullable(last);
    }

    /** A Compose (Go) duration such as {@code 45s} or {@code 1m30s}. */
    static Duration composeDuration(String value) {
        String text = value.strip();
        Matcher matcher = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int position = 0;
        while (matcher.find()) {
            if (matcher.start() != position) {
                break;
            }
            double number = Double.parseDouble(matcher.group(1));
            long nanos = switch (matcher.group(2)) {
                case "h" -> (long) (number * 3_600e9);
                case "m" -> (long) (number * 60e9);
                case "s" -> (long) (number * 1e9);
                case "ms" -> (long) (number * 1e6);
                case "us" -> (long) (number * 1e3);
                default -> (long) number;
            };
            total = total.plusNanos(nanos);
            position = matcher.end();
        }
        if (position != text.length() || text.isEmpty()) {
            throw new AssertionError("Not a Compose duration: '" + value + "'");
        }
        return total;
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static long unit(String suffix) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
    }
}
