package io.inferencegateway.worker.config;

import java.util.function.Function;

/**
 * The operator's batch queue budgets, like OpenAI's per-model batch queue limit and Azure OpenAI's enqueued tokens:
 * the most estimated prompt tokens the active batches of one model, and of one user, may hold. A batch that would
 * pass either fails when validated (see {@code TokenBudget}); interactive limits are a separate pool.
 *
 * <p>Environment variables, each unset for no limit:
 * <ul>
 *   <li>{@code GATEWAY_BATCH_QUEUE_TOKENS_PER_MODEL}: per model, all users' batches together</li>
 *   <li>{@code GATEWAY_BATCH_QUEUE_TOKENS_PER_USER}: per user, all models together</li>
 * </ul>
 *
 * @param tokensPerModel the per-model budget, 0 for none
 * @param tokensPerUser  the per-user budget, 0 for none
 */
public record BatchQueueBudget(long tokensPerModel, long tokensPerUser) {

    public static final String TOKENS_PER_MODEL = "GATEWAY_BATCH_QUEUE_TOKENS_PER_MODEL";
    public static final String TOKENS_PER_USER = "GATEWAY_BATCH_QUEUE_TOKENS_PER_USER";
    public static final BatchQueueBudget NONE = new BatchQueueBudget(0, 0);

    public BatchQueueBudget {
        if (tokensPerModel < 0 || tokensPerUser < 0) {
            throw new IllegalArgumentException("A batch queue budget is a number of tokens, 0 for none");
        }
    }

    public static BatchQueueBudget fromEnvironment(Function<String, String> environment) {
        return new BatchQueueBudget(tokens(environment, TOKENS_PER_MODEL), tokens(environment, TOKENS_PER_USER));
    }

    /** Whether any budget is set. */
    public boolean limits() {
        return tokensPerModel > 0 || tokensPerUser > 0;
    }

    private static long tokens(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long tokens = Long.parseLong(value.strip());
            if (tokens >= 1) {
                return tokens;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw new IllegalArgumentException(name + " must be a number of tokens, at least 1 (unset for no limit), was '"
                + value + "'");
    }
}
