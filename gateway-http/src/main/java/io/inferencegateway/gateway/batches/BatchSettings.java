package io.inferencegateway.gateway.batches;

import io.inferencegateway.config.Environment;
import io.inferencegateway.paths.BatchRoots;
import java.util.Objects;
import java.util.function.Function;

/**
 * Batch intake settings.
 *
 * @param roots     the directories each user's FIRST-style batches may read inputs from and write outputs to; none
 *                  turns FIRST-style submission off
 * @param maxActive most unfinished batches per user, 0 for no limit
 */
public record BatchSettings(BatchRoots roots, int maxActive) {

    /** FIRST's documented default (its code says 1, its docs 2). */
    public static final int DEFAULT_MAX_ACTIVE = 2;

    public BatchSettings {
        Objects.requireNonNull(roots, "roots");
        if (maxActive < 0) {
            throw new IllegalArgumentException(Environment.BATCH_MAX_ACTIVE + " must be 0 or more, was " + maxActive);
        }
    }

    /**
     * From {@code GATEWAY_BATCH_ROOTS}, {@code GATEWAY_BATCH_USER_ROOTS} and {@code GATEWAY_BATCH_MAX_ACTIVE}; a root
     * that is not a directory fails.
     */
    public static BatchSettings fromEnvironment(Function<String, String> environment) {
        int maxActive = Environment.wholeNumber(environment, Environment.BATCH_MAX_ACTIVE, DEFAULT_MAX_ACTIVE);
        return new BatchSettings(BatchRoots.fromEnvironment(environment), maxActive);
    }
}
