package io.inferencegateway.batch;

import java.time.Instant;
import java.util.Objects;

/**
 * The nine timestamps of OpenAI's Batch object; each is set by the transition into its state and null until then.
 *
 * @param createdAt    when the batch was accepted (it starts in {@code validating})
 * @param expiresAt    when the completion window ends, or null for no deadline
 */
public record BatchTimes(Instant createdAt, Instant inProgressAt, Instant expiresAt, Instant finalizingAt,
                         Instant completedAt, Instant failedAt, Instant expiredAt, Instant cancellingAt,
                         Instant cancelledAt) {

    public BatchTimes {
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** When the batch entered {@code state}, or null if it never did ({@code created_at} for validating). */
    public Instant enteredAt(BatchState state) {
        return switch (state) {
            case VALIDATING -> createdAt;
            case IN_PROGRESS -> inProgressAt;
            case FINALIZING -> finalizingAt;
            case COMPLETED -> completedAt;
            case FAILED -> failedAt;
            case EXPIRED -> expiredAt;
            case CANCELLING -> cancellingAt;
            case CANCELLED -> cancelledAt;
        };
    }
}
