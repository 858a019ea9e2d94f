package io.inferencegateway.worker.config;

import io.inferencegateway.config.Environment;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the leading worker dispatches batch lines ({@code GATEWAY_SCHEDULER_...} variables).
 *
 * @param fair        {@code GATEWAY_SCHEDULER_MODE=fair} (the default): earliest deadline first, users in turn, each
 *                    endpoint's budget learned and shared, interactive traffic first, nothing sent to a model that is
 *                    not running; {@code fifo}: every line in submission order as fast as the topic takes it, each
 *                    worker at its cap (the behaviour before scheduling, kept for comparison)
 * @param reserve     {@code GATEWAY_SCHEDULER_INTERACTIVE_RESERVE}: slots of an endpoint kept free for new
 *                    interactive requests while there are any (default 1; the square root of those under way
 *                    when that is more)
 * @param inflation   {@code GATEWAY_SCHEDULER_LATENCY_INFLATION}: how many times its best recent latency per token
 *                    counts as an endpoint queueing (default 2.0; at least 1.1)
 * @param tick        how often the leader dispatches
 * @param lease       how long a leader's lease lasts without renewal
 * @param prefetch    how many seconds of lines, at an endpoint's current pace, wait on the lines topic beyond those
 *                    running: enough that no worker idles between dispatches, few enough that a new urgent batch
 *                    waits behind at most that long
 * @param refresh     how often the leader reads the batches in progress from PostgreSQL: cancelled and finished
 *                    ones leave its queue, reset cursors restart, and a new batch whose start it was not told of
 *                    (the worker that validated it says so on the capacity topic) joins
 */
public record SchedulingSettings(boolean fair, int reserve, double inflation, Duration tick, Duration lease,
                                 Duration prefetch, Duration refresh) {

    public static final String MODE = "GATEWAY_SCHEDULER_MODE";
    public static final String RESERVE = "GATEWAY_SCHEDULER_INTERACTIVE_RESERVE";
    public static final String INFLATION = "GATEWAY_SCHEDULER_LATENCY_INFLATION";

    public static SchedulingSettings fromEnvironment(Function<String, String> environment) {
        String mode = environment.apply(MODE);
        String chosen = mode == null || mode.isBlank() ? "fair" : mode.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("fair") && !chosen.equals("fifo")) {
            throw new IllegalArgumentException(MODE + " must be fair or fifo, was '" + mode + "'");
        }
        int reserve = Environment.wholeNumber(environment, RESERVE, 1);
        if (reserve < 0) {
            throw new IllegalArgumentException(RESERVE + " must be 0 or more, was " + reserve);
        }
        return new SchedulingSettings(chosen.equals("fair"), reserve, inflation(environment.apply(INFLATION)),
                Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(500));
    }

    private static double inflation(String value) {
        if (value == null || value.isBlank()) {
            return 2.0;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed >= 1.1 && parsed <= 100) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the variable's name.
        }
        throw new IllegalArgumentException(INFLATION + " must be a number from 1.1 to 100, was '" + value + "'");
    }
}
