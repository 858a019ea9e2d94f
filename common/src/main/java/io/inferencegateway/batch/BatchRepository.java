package io.inferencegateway.batch;

import io.inferencegateway.persistence.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code batches} table. Status changes go through {@link #transition} and {@link #markFailed} only: atomic
 * compare-and-set updates that follow {@link BatchTransitions}, so two processes racing to move the same batch can
 * never both win. Reads that belong to a user take the user id, and a batch of another user is simply not found.
 */
public final class BatchRepository {

    /** {@link #findStale(BatchState, Duration)} returns at most this many batches. */
    public static final int DEFAULT_STALE_LIMIT = 1_000;

    /** First key of the advisory lock that serialises one user's admissions ('BATC'). */
    private static final int ADMISSION_LOCK_CLASS = 0x42415443;

    private static final Set<BatchState> ACTIVE = EnumSet.copyOf(Arrays.stream(BatchState.values())
            .filter(BatchState::isActive).toList());

    private final DataSource dataSource;

    public BatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new batch in {@code validating}, created now by the database's clock. */
    public Batch create(NewBatch batch) {
        return Sql.withConnection(dataSource, connection -> insert(connection, batch));
    }

    /**
     * Stores a new batch unless the user is over quota or, for a FIRST batch, already runs one on the same input
     * file. The checks and the insert hold a per-user lock, so concurrent submissions cannot all slip under the
     * quota.
     *
     * @param maxActive most unfinished batches a user may have; 0 or less for no limit
     */
    public Admission admit(NewBatch batch, int maxActive) {
        return Sql.inTransaction(dataSource, connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, ADMISSION_LOCK_CLASS);
                lock.setString(2, batch.userId());
                lock.executeQuery().close();
            }
            if (maxActive > 0) {
                int active = countActive(connection, batch.userId());
                if (active >= maxActive) {
                    return new Admission.OverQuota(active, maxActive);
                }
            }
            if (batch.inputFile() != null) {
                Optional<Batch> ongoing = activeWithInput(connection, batch.userId(), batch.inputFile());
                if (ongoing.isPresent()) {
                    return new Admission.InputInUse(ongoing.get().id());
                }
            }
            return new Admission.Admitted(insert(connection, batch));
        });
    }

    /**
     * Stores a batch that failed before it started, {@code errors} saying why (a refusal a client reads from the
     * Batch object, as OpenAI reports its batch limits): inserted and failed in one transaction, so no worker or
     * quota ever sees it validating.
     */
    public Batch createFailed(NewBatch batch, List<BatchError> errors) {
        return Sql.inTransaction(dataSource, connection -> {
            insert(connection, batch);
            try (PreparedStatement fail = connection.prepareStatement("""
                    UPDATE batches SET status = 'failed', failed_at = now(), errors = ?::jsonb
                    WHERE id = ? AND status = 'validating' RETURNING *""")) {
                fail.setString(1, BatchRows.json(errors));
                fail.setString(2, batch.id());
                return one(fail).orElseThrow();
            }
        });
    }

    private static Batch insert(Connection connection, NewBatch batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO batches (id, api_style, user_id, cluster, framework, model, endpoint, completion_window,
                                     status, input_file, output_folder_path, input_file_id, metadata, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'validating', ?, ?, ?, ?::jsonb,
                        now() + make_interval(secs => ?::double precision))
                RETURNING *""")) {
            insert.setString(1, batch.id());
            insert.setString(2, batch.apiStyle().wireName());
            insert.setString(3, batch.userId());
            insert.setString(4, batch.cluster());
            insert.setString(5, batch.framework());
            insert.setString(6, batch.model());
            insert.setString(7, batch.endpoint());
            insert.setString(8, batch.completionWindow());
            insert.setString(9, batch.inputFile());
            insert.setString(10, batch.outputFolderPath() == null ? "" : batch.outputFolderPath());
            insert.setString(11, batch.inputFileId());
            insert.setString(12, BatchRows.json(batch.metadata()));
            if (batch.expiresAfter() == null) {
                insert.setNull(13, Types.DOUBLE);
            } else {
                insert.setDouble(13, batch.expiresAfter().toMillis() / 1000.0);
            }
            return one(insert).orElseThrow();
        }
    }

    /** The batch, whoever owns it (for workers). */
    public Optional<Batch> find(String id) {
        return query("SELECT * FROM batches WHERE id = ?", statement -> statement.setString(1, id))
                .stream().findFirst();
    }

    /** The batch if it belongs to {@code userId}. */
    public Optional<Batch> find(String userId, String id) {
        return query("SELECT * FROM batches WHERE id = ? AND user_id = ?", statement -> {
            statement.setString(1, id);
            statement.setString(2, userId);
        }).stream().findFirst();
    }

    /**
     * One page of the user's batches of one API family, newest first (OpenAI's list: {@code after} is the id of
     * the last batch of the previous page). An {@code after} that is not one of the user's batches gives an empty
     * page.
     *
     * @param after the cursor, or null for the first page
     * @param limit batches per page, at least 1
     */
    public BatchPage listForUser(String userId, ApiStyle style, String after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<Batch> rows = query("""
                SELECT * FROM batches WHERE user_id = ? AND api_style = ?
                  AND (?::varchar IS NULL
                       OR (created_at, id) < (SELECT created_at, id FROM batches WHERE id = ? AND user_id = ?))
                ORDER BY created_at DESC, id DESC LIMIT ?""", statement -> {
            statement.setString(1, userId);
            statement.setString(2, style.wireName());
            statement.setString(3, after);
            statement.setString(4, after);
            statement.setString(5, userId);
            statement.setInt(6, limit + 1);
        });
        boolean hasMore = rows.size() > limit;
        return new BatchPage(hasMore ? rows.subList(0, limit) : rows, hasMore);
    }

    /** The user's batches of one API family in any of {@code states}, newest first, at most {@code limit}. */
    public List<Batch> listForUserByState(String userId, ApiStyle style, Set<BatchState> states, int limit) {
        return query("""
                SELECT * FROM batches WHERE user_id = ? AND api_style = ? AND status = ANY (?)
                ORDER BY created_at DESC, id DESC LIMIT ?""", statement -> {
            statement.setString(1, userId);
            statement.setString(2, style.wireName());
            statement.setArray(3, states(statement.getConnection(), states));
            statement.setInt(4, limit);
        });
    }

    /** The user's unfinished batches of either API family: what the quota counts. */
    public int countActive(String userId) {
        return Sql.withConnection(dataSource, connection -> countActive(connection, userId));
    }

    private static int countActive(Connection connection, String userId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM batches WHERE user_id = ? AND status = ANY (?)")) {
            count.setString(1, userId);
            count.setArray(2, states(connection, ACTIVE));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The user's oldest unfinished batch that reads {@code inputFile} (FIRST's duplicate-input guard). */
    public Optional<Batch> findActiveWithInput(String userId, String inputFile) {
        return Sql.withConnection(dataSource, connection -> activeWithInput(connection, userId, inputFile));
    }

    private static Optional<Batch> activeWithInput(Connection connection, String userId, String inputFile)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT * FROM batches WHERE user_id = ? AND input_file = ? AND status = ANY (?)
                ORDER BY created_at LIMIT 1""")) {
            query.setString(1, userId);
            query.setString(2, inputFile);
            query.setArray(3, states(connection, ACTIVE));
            return one(query);
        }
    }

    /**
     * Moves the batch to {@code to} if its status is one of {@code from}, and stamps the timestamp of {@code to}:
     * one atomic UPDATE, the single write path of the state machine.
     *
     * @return whether the batch moved; false if it does not exist or is in another state by now
     * @throws IllegalArgumentException if {@code from} is empty or names a state {@code to} may not follow
     */
    public boolean transition(String id, Set<BatchState> from, BatchState to) {
        checkEdges(from, to);
        return update("UPDATE batches SET status = ?, " + enteredColumn(to) + " = now() "
                + "WHERE id = ? AND status = ANY (?)", statement -> {
            statement.setString(1, to.wireName());
            statement.setString(2, id);
            statement.setArray(3, states(statement.getConnection(), from));
        });
    }

    /** {@link #transition} to {@code failed}, recording why in {@code errors} in the same UPDATE. */
    public boolean markFailed(String id, Set<BatchState> from, List<BatchError> errors) {
        checkEdges(from, BatchState.FAILED);
        return update("""
                UPDATE batches SET status = 'failed', failed_at = now(), errors = ?::jsonb
                WHERE id = ? AND status = ANY (?)""", statement -> {
            statement.setString(1, BatchRows.json(errors));
            statement.setString(2, id);
            statement.setArray(3, states(statement.getConnection(), from));
        });
    }

    /** Records how many lines the input holds, once validated. */
    public boolean setRequestTotal(String id, int total) {
        return update("UPDATE batches SET request_total = ? WHERE id = ?", statement -> {
            statement.setInt(1, total);
            statement.setString(2, id);
        });
    }

    /** Records progress: all three request counts and the tokens used so far. */
    public boolean setCounts(String id, Batch.RequestCounts counts, Batch.TokenUsage usage) {
        return update("""
                UPDATE batches SET request_total = ?, request_completed = ?, request_failed = ?,
                                   prompt_tokens = ?, completion_tokens = ?
                WHERE id = ?""", statement -> {
            statement.setInt(1, counts.total());
            statement.setInt(2, counts.completed());
            statement.setInt(3, counts.failed());
            statement.setLong(4, usage.promptTokens());
            statement.setLong(5, usage.completionTokens());
            statement.setString(6, id);
        });
    }

    /** Records the finalized output and error files; either may be null (no line of that kind). */
    public boolean setFiles(String id, String outputFileId, String errorFileId) {
        return update("UPDATE batches SET output_file_id = ?, error_file_id = ? WHERE id = ?", statement -> {
            statement.setString(1, outputFileId);
            statement.setString(2, errorFileId);
            statement.setString(3, id);
        });
    }

    /** Records what an adaptor that runs the batch natively reported. */
    public boolean setNative(String id, Batch.NativeBatch nativeBatch) {
        return update("""
                UPDATE batches SET native_batch_id = ?, task_ids = ?, native_status = ?, result = ?
                WHERE id = ?""", statement -> {
            statement.setString(1, nativeBatch.batchId());
            statement.setString(2, TaskIdColumn.write(nativeBatch.taskIds()));
            statement.setString(3, nativeBatch.status());
            statement.setString(4, nativeBatch.result());
            statement.setString(5, id);
        });
    }

    /** {@link #findStale(BatchState, Duration, int)} with at most {@link #DEFAULT_STALE_LIMIT} batches. */
    public List<Batch> findStale(BatchState state, Duration olderThan) {
        return findStale(state, olderThan, DEFAULT_STALE_LIMIT);
    }

    /**
     * Batches that entered {@code state} longer than {@code olderThan} ago by the database's clock and are still
     * in it, oldest first: for the repair sweeper (e.g. validating batches whose submission record was lost).
     */
    public List<Batch> findStale(BatchState state, Duration olderThan, int limit) {
        String column = enteredColumn(state);
        return query("SELECT * FROM batches WHERE status = ? AND " + column
                + " < now() - make_interval(secs => ?::double precision) ORDER BY " + column + ", id LIMIT ?",
                statement -> {
                    statement.setString(1, state.wireName());
                    statement.setDouble(2, olderThan.toMillis() / 1000.0);
                    statement.setInt(3, limit);
                });
    }

    private static void checkEdges(Set<BatchState> from, BatchState to) {
        Objects.requireNonNull(to, "to");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("No state to move from into " + to.wireName());
        }
        for (BatchState state : from) {
            if (!BatchTransitions.allowed(state, to)) {
                throw new IllegalArgumentException("A batch may not move from " + state.wireName() + " to "
                        + to.wireName());
            }
        }
    }

    /** The column stamped when a batch enters {@code state}. */
    private static String enteredColumn(BatchState state) {
        return switch (state) {
            case VALIDATING -> "created_at";
            case IN_PROGRESS -> "in_progress_at";
            case FINALIZING -> "finalizing_at";
            case COMPLETED -> "completed_at";
            case FAILED -> "failed_at";
            case EXPIRED -> "expired_at";
            case CANCELLING -> "cancelling_at";
            case CANCELLED -> "cancelled_at";
        };
    }

    private static Array states(Connection connection, Set<BatchState> states) throws SQLException {
        return connection.createArrayOf("varchar", states.stream().map(BatchState::wireName).toArray());
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<Batch> query(String sql, Binder binder) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                List<Batch> batches = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        batches.add(BatchRows.read(rows));
                    }
                }
                return batches;
            }
        });
    }

    private boolean update(String sql, Binder binder) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Batch> one(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(BatchRows.read(rows)) : Optional.empty();
        }
    }
}
