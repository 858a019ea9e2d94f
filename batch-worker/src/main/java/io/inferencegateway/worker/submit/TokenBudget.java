package io.inferencegateway.worker.submit;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.worker.config.BatchQueueBudget;
import io.inferencegateway.worker.store.BatchRow;
import io.inferencegateway.worker.store.EnqueuedTokens;
import io.inferencegateway.worker.store.EnqueuedTokens.Reservation;
import java.util.Optional;

/**
 * Admits a validated batch into the queue, its estimated prompt tokens counted against the batch queue budgets; a
 * batch that would pass one fails as Azure OpenAI fails it, with {@code token_limit_exceeded} in its errors.
 */
public final class TokenBudget {

    private final EnqueuedTokens tokens;
    private final BatchQueueBudget budget;

    public TokenBudget(EnqueuedTokens tokens, BatchQueueBudget budget) {
        this.tokens = tokens;
        this.budget = budget;
    }

    /** Records the batch's {@code enqueued} tokens, or says why it may not run. */
    Optional<BatchError> admit(BatchRow batch, long enqueued) {
        return switch (tokens.reserve(batch.id(), batch.model(), batch.userId(), enqueued, budget)) {
            case Reservation.Reserved reserved -> Optional.empty();
            case Reservation.OverBudget over -> Optional.of(BatchError.of("token_limit_exceeded", message(batch, over)));
        };
    }

    private static String message(BatchRow batch, Reservation.OverBudget over) {
        String limit = over.perModel() ? "the batch queue limit of " + over.budget() + " tokens for model '"
                + batch.model() + "'" : "your batch queue limit of " + over.budget() + " tokens";
        String others = over.perModel() ? "active batches of this model" : "your active batches";
        return "Enqueued token limit reached: this batch would pass " + limit + ", as " + over.enqueued() + " tokens are enqueued in " + others + " and this batch holds "
                + over.tokens() + " (prompt tokens, estimated). Submit it again once some of those batches have "
                + "finished, or split it into smaller batches.";
    }
}
