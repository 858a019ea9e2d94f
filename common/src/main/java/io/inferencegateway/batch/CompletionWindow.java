package io.inferencegateway.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a batch may run: OpenAI's {@code 24h} or, as this gateway's extension, any whole number of minutes, hours
 * or days from {@code 1m} to {@code 7d} ({@code 30m}, {@code 2h}, {@code 3d}). The batch expires that long after it
 * was created; both API families parse the field here.
 *
 * @param text     the window as the client wrote it, which the Batch object shows
 * @param duration from {@code created_at} to {@code expires_at}
 */
public record CompletionWindow(String text, Duration duration) {

    public static final Duration SHORTEST = Duration.ofMinutes(1);
    public static final Duration LONGEST = Duration.ofDays(7);
    /** OpenAI's only window, and the one a request without the field gets. */
    public static final CompletionWindow DEFAULT = new CompletionWindow("24h", Duration.ofHours(24));

    /** At most 5 digits: 10080m (7 days) is the longest window written in minutes. */
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

    public CompletionWindow {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * The window {@code text} names.
     *
     * @throws IllegalArgumentException with a message for the client, when it names none
     */
    public static CompletionWindow parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration duration = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (duration.compareTo(LONGEST) <= 0) {
                return new CompletionWindow(text, duration);
            }
        }
        throw new IllegalArgumentException("Supported values are '24h' and, as an extension of this gateway, a "
                + "whole number followed by m, h or d from 1m to 7d, such as '30m', '2h' or '7d'.");
    }
}
