package io.inferencegateway.worker.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * How urgent a batch is: the power of two its time left falls under, in seconds. Batches whose deadlines are within
 * a factor of two of each other are equally urgent and share capacity fairly; a batch with half the time left goes
 * first. As time passes every batch becomes more urgent, and a batch never overtakes one whose deadline is earlier.
 */
final class Urgency {

    private Urgency() {
    }

    /** 0 for a deadline at most a second away (or past), larger for later ones; smaller is more urgent. */
    static int tier(Instant deadline, Instant now) {
        long seconds = Duration.between(now, deadline).toSeconds();
        return seconds <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(seconds - 1);
    }
}
