package io.inferencegateway.spi;

import java.time.Duration;
import java.util.Arrays;

/**
 * A remote service's limit of {@code calls} per {@code window} for one client, and the one rule every holder of a
 * {@link CallBudget} schedules calls by: a call starts no sooner than a pause allows, one {@link #spacing()} after
 * the call before it, and one window (plus a margin for the calls' travel) after the call {@code calls} before it.
 * Paced this way, a busy client's calls are evenly spread instead of going out in bursts that then wait for most of
 * a window.
 *
 * @param calls  calls allowed per window, at least 1
 * @param window the window
 */
public record RateLimit(int calls, Duration window) {

    /** Slack for a call that starts or arrives late (a busy machine), so that no window of the service holds one too many. */
    public static final Duration MARGIN = Duration.ofMillis(250);

    public RateLimit {
        if (calls < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one call per positive window");
        }
    }

    /** The pause between two calls of a busy client: the window (and its margin) shared evenly. */
    public Duration spacing() {
        return window.plus(MARGIN).dividedBy(calls);
    }

    /**
     * The earliest start of the next call, all times in microseconds on one clock.
     *
     * @param recent      the starts of the latest calls (at most {@link #calls}), oldest first
     * @param pausedUntil no call starts before this (after a 429)
     * @param now         the time now
     */
    public long nextStart(long[] recent, long pausedUntil, long now) {
        long start = Math.max(now, pausedUntil);
        if (recent.length > 0) {
            start = Math.max(start, recent[recent.length - 1] + spacing().toNanos() / 1_000);
        }
        if (recent.length >= calls) {
            start = Math.max(start, recent[recent.length - calls] + (window.toNanos() + MARGIN.toNanos()) / 1_000);
        }
        return start;
    }

    /** {@code recent} with {@code start} added, the oldest dropped beyond {@link #calls}. */
    public long[] remember(long[] recent, long start) {
        long[] all = Arrays.copyOf(recent, recent.length + 1);
        all[recent.length] = start;
        Arrays.sort(all);
        return all.length <= calls ? all : Arrays.copyOfRange(all, all.length - calls, all.length);
    }
}
