package io.inferencegateway.adaptors.simulated;

import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.spi.AdaptorConfigException;
import java.util.Set;

/**
 * How much a simulated model serves at once, as a vLLM server does: {@code slots} requests run together
 * (vLLM's {@code max_num_seqs}), up to {@code maxWaiting} more wait in FIFO order, and any beyond are refused.
 *
 * <p>Load model (continuous batching): every step a running request takes (the first token, each further token, a
 * non-streaming answer's share of {@code latency_ms}) is multiplied by the load factor at the moment the step
 * starts, {@code 1 + (stepSlowdown - 1) * (running - 1) / (slots - 1)}: 1 for a request alone, {@code stepSlowdown}
 * for a full batch. With {@code stepSlowdown <= slots}, more running requests mean a slower answer each and more
 * tokens per second in total.
 *
 * @param slots           requests that run at once; 0 for unlimited, which disables everything else ({@code slots})
 * @param maxWaiting      requests that may wait for a slot; 0 refuses as soon as every slot is busy
 *                        ({@code max_waiting})
 * @param queueFullStatus the HTTP status of a refusal, 429 or 503 ({@code queue_full_status})
 * @param stepSlowdown    how many times slower a step is in a full batch than alone, from 1 to {@code slots}
 *                        ({@code step_slowdown})
 */
public record CapacitySettings(int slots, int maxWaiting, int queueFullStatus, double stepSlowdown) {

    /** The most slots or waiting places a model may have. */
    public static final int MAX_PLACES = 1_000_000;

    /** No limit: every request runs at once at the configured pace. */
    public static final CapacitySettings UNLIMITED = new CapacitySettings(0, 1000, 429, 1);

    static final Set<String> KEYS = Set.of("slots", "max_waiting", "queue_full_status", "step_slowdown");

    public CapacitySettings {
        check(slots >= 0 && slots <= MAX_PLACES, "slots", "must be from 0 (unlimited) to " + MAX_PLACES
                + ", found " + slots);
        check(maxWaiting >= 0 && maxWaiting <= MAX_PLACES, "max_waiting", "must be from 0 to " + MAX_PLACES
                + ", found " + maxWaiting);
        check(queueFullStatus == 429 || queueFullStatus == 503, "queue_full_status",
                "must be 429 or 503, found " + queueFullStatus);
        // NaN fails every comparison, so it is rejected here too.
        check(stepSlowdown >= 1 && stepSlowdown <= Math.max(1, slots), "step_slowdown", slots == 0
                ? "needs slots (a full batch is what it slows down); must be 1 without them, found " + stepSlowdown
                : "must be from 1 to slots (" + slots + "), found " + stepSlowdown);
    }

    /** Whether requests are limited at all; when not, nothing waits and nothing slows down. */
    public boolean limited() {
        return slots > 0;
    }

    /** The load factor with {@code running} requests running (see the class comment). */
    public double loadFactor(int running) {
        if (slots <= 1 || running <= 1) {
            return 1;
        }
        return 1 + (stepSlowdown - 1) * (Math.min(running, slots) - 1) / (slots - 1);
    }

    static CapacitySettings fromConfig(ConfigFields fields) {
        return new CapacitySettings(
                SimulatedSettings.intValue(fields, "slots", UNLIMITED.slots),
                SimulatedSettings.intValue(fields, "max_waiting", UNLIMITED.maxWaiting),
                SimulatedSettings.intValue(fields, "queue_full_status", UNLIMITED.queueFullStatus),
                fields.number("step_slowdown", UNLIMITED.stepSlowdown));
    }

    private static void check(boolean ok, String name, String problem) {
        if (!ok) {
            throw new AdaptorConfigException(ConfigFields.path(name), problem);
        }
    }
}
