package io.inferencegateway.worker.store;

import io.inferencegateway.persistence.Sql;
import io.inferencegateway.worker.config.BatchQueueBudget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The {@code enqueued_tokens} of batches: what a validated batch holds in the queue until it ends. A reservation
 * checks the budgets and records the batch's tokens in one transaction under advisory locks on the model and the
 * user, so two workers validating at once cannot both slip under a budget.
 */
public final class EnqueuedTokens {

    /** Lock classes ('BQTM', 'BQTU'): one lock per model and one per user, always taken in that order. */
    private static final int MODEL_LOCK = 0x4251544D;
    private static final int USER_LOCK = 0x42515455;
    /** Where a batch's tokens count: the active states (literal, so the partial indexes of V7 apply). */
    private static final String ACTIVE = "status IN ('validating', 'in_progress', 'finalizing', 'cancelling')";

    /** The outcome of {@link #reserve}. */
    public sealed interface Reservation {

        /** The batch's tokens are recorded and count from now on. */
        record Reserved() implements Reservation {
        }

        /**
         * A budget would be passed; nothing was recorded.
         *
         * @param perModel whether the model's budget (else the user's)
         * @param budget   that budget
         * @param enqueued the tokens of the other active batches it counts
         * @param tokens   this batch's tokens
         */
        record OverBudget(boolean perModel, long budget, long enqueued, long tokens) implements Reservation {
        }
    }

    private final DataSource dataSource;

    public EnqueuedTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records {@code tokens} as the enqueued tokens of validating batch {@code batchId} unless, with the other
     * active batches of {@code model} (or of {@code userId}), they would pass a budget. Idempotent: a batch handled
     * again is not counted against itself.
     */
    public Reservation reserve(String batchId, String model, String userId, long tokens, BatchQueueBudget budget) {
        return Sql.inTransaction(dataSource, connection -> {
            if (budget.tokensPerModel() > 0) {
                lock(connection, MODEL_LOCK, model);
            }
            if (budget.tokensPerUser() > 0) {
                lock(connection, USER_LOCK, userId);
            }
            if (budget.tokensPerModel() > 0) {
                long enqueued = enqueued(connection, "model", model, batchId);
                if (enqueued + tokens > budget.tokensPerModel()) {
                    return new Reservation.OverBudget(true, budget.tokensPerModel(), enqueued, tokens);
                }
            }
            if (budget.tokensPerUser() > 0) {
                long enqueued = enqueued(connection, "user_id", userId, batchId);
                if (enqueued + tokens > budget.tokensPerUser()) {
                    return new Reservation.OverBudget(false, budget.tokensPerUser(), enqueued, tokens);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "UPDATE batches SET enqueued_tokens = ? WHERE id = ? AND status = 'validating'")) {
                record.setLong(1, tokens);
                record.setString(2, batchId);
                record.executeUpdate();
            }
            return new Reservation.Reserved();
        });
    }

    private static void lock(Connection connection, int lockClass, String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, lockClass);
            lock.setString(2, key);
            lock.executeQuery().close();
        }
    }

    /** The tokens of the other active batches with {@code column} = {@code value}; the column is ours, not input. */
    private static long enqueued(Connection connection, String column, String value, String batchId)
            throws SQLException {
        try (PreparedStatement sum = connection.prepareStatement("SELECT coalesce(sum(enqueued_tokens), 0) "
                + "FROM batches WHERE " + column + " = ? AND id <> ? AND enqueued_tokens IS NOT NULL AND " + ACTIVE)) {
            sum.setString(1, value);
            sum.setString(2, batchId);
            try (ResultSet rows = sum.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
