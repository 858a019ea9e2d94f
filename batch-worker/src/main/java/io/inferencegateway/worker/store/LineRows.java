package io.inferencegateway.worker.store;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The {@code batch_lines} table: one row per input line, whose result is written once. Multi-row statements use
 * {@code unnest} of arrays, so a chunk of lines costs one round trip.
 */
public final class LineRows implements LaneRows {

    public static final String PENDING = "pending";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private final DataSource dataSource;

    public LineRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A line's identity, its place in the input, and its request as the scheduler will dispatch it.
     *
     * @param body the request body's JSON text
     */
    public record LineKey(String customId, int lineNumber, String url, String body) {
    }

    /**
     * Inserts the lines that are not there yet (a re-processed submission inserts nothing twice), and gives a
     * pending line stored without its request (by a version that published lines at once) its request.
     */
    public void insert(String batchId, List<LineKey> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO batch_lines (batch_id, custom_id, line_number, url, body)
                    SELECT ?, k.custom_id, k.line_number, k.url, k.body
                    FROM unnest(?::text[], ?::int[], ?::text[], ?::text[]) AS k(custom_id, line_number, url, body)
                    ON CONFLICT (batch_id, custom_id) DO UPDATE SET url = EXCLUDED.url, body = EXCLUDED.body
                    WHERE batch_lines.status = 'pending' AND batch_lines.body IS NULL""")) {
                s.setString(1, batchId);
                bindTexts(s, 2, lines, LineKey::customId);
                bindInts(s, 3, lines, LineKey::lineNumber);
                bindTexts(s, 4, lines, LineKey::url);
                bindTexts(s, 5, lines, LineKey::body);
                return s.executeUpdate();
            }
        });
    }

    /** Removes every line of a batch (its validation failed after some lines were inserted). */
    public void deleteAll(String batchId) {
        Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM batch_lines WHERE batch_id = ?")) {
                s.setString(1, batchId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, LineState> states(Collection<LineRef> lines) {
        if (lines.isEmpty()) {
            return Map.of();
        }
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT l.batch_id, l.custom_id, l.status, b.status, coalesce(b.expires_at < now(), false)
                    FROM unnest(?::text[], ?::text[]) AS k(batch_id, custom_id)
                    JOIN batch_lines l ON l.batch_id = k.batch_id AND l.custom_id = k.custom_id
                    JOIN batches b ON b.id = l.batch_id""")) {
                bindTexts(s, 1, lines, LineRef::batchId);
                bindTexts(s, 2, lines, LineRef::customId);
                Map<String, LineState> states = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        states.put(new LineRef(rs.getString(1), rs.getString(2)).key(),
                                new LineState(rs.getString(3), BatchState.fromWire(rs.getString(4)), rs.getBoolean(5)));
                    }
                }
                return states;
            }
        });
    }

    /**
     * The result write. A line is found by its key alone: {@code (status = 'pending') IS TRUE} is tested on the row
     * found, never used to find rows. Written {@code status = 'pending'}, the planner could scan the batch's pending
     * lines through {@code batch_lines_status_idx} for every line written, and did, with statistics taken while no
     * line was pending (as autovacuum takes them after a batch): a write per line then cost as much as the lines the
     * batch had left.
     */
    static final String RECORD = """
            UPDATE batch_lines l SET status = v.status, response_status = v.response_status,
                   response_body = v.response_body, error_code = v.error_code, error_message = v.error_message,
                   prompt_tokens = v.prompt_tokens, completion_tokens = v.completion_tokens,
                   request_id = v.request_id, attempts = v.attempts, worker_id = ?, finished_at = now(),
                   body = NULL
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::int[],
                        ?::int[], ?::text[], ?::int[])
                 AS v(batch_id, custom_id, status, response_status, response_body, error_code, error_message,
                      prompt_tokens, completion_tokens, request_id, attempts)
            WHERE l.batch_id = v.batch_id AND l.custom_id = v.custom_id AND (l.status = 'pending') IS TRUE
            RETURNING l.batch_id, l.custom_id""";

    /**
     * {@inheritDoc} In one statement ({@link #RECORD}): the row's {@code status = 'pending'} condition lets one write
     * win. The request, needed no more, is dropped.
     */
    @Override
    public List<String> record(Collection<LineRecord> results, String workerId) {
        if (results.isEmpty()) {
            return List.of();
        }
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(RECORD)) {
                bindRecord(s, results, workerId);
                List<String> recorded = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(new LineRef(rs.getString(1), rs.getString(2)).key());
                    }
                }
                return recorded;
            }
        });
    }

    static void bindRecord(PreparedStatement s, Collection<LineRecord> results, String workerId) throws SQLException {
        s.setString(1, workerId);
        bindTexts(s, 2, results, LineRecord::batchId);
        bindTexts(s, 3, results, LineRecord::customId);
        bindTexts(s, 4, results, LineRecord::status);
        bindInts(s, 5, results, LineRecord::responseStatus);
        bindTexts(s, 6, results, LineRecord::responseBody);
        bindTexts(s, 7, results, LineRecord::errorCode);
        bindTexts(s, 8, results, LineRecord::errorMessage);
        bindInts(s, 9, results, LineRecord::promptTokens);
        bindInts(s, 10, results, LineRecord::completionTokens);
        bindTexts(s, 11, results, LineRecord::requestId);
        bindInts(s, 12, results, LineRecord::attempts);
    }

    /** Turns every still-pending line of a batch into an error line with {@code code}; returns how many. */
    public int failPending(String batchId, String code, String message) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE batch_lines SET status = 'failed', error_code = ?, error_message = ?, finished_at = now()
                    WHERE batch_id = ? AND status = 'pending'""")) {
                s.setString(1, code);
                s.setString(2, message);
                s.setString(3, batchId);
                return s.executeUpdate();
            }
        });
    }

    /** Totals over a batch's lines, the authoritative request_counts and usage. */
    public record Counts(int completed, int failed, int pending, long promptTokens, long completionTokens) {
    }

    public Counts counts(String batchId) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
                           count(*) FILTER (WHERE status = 'pending'), coalesce(sum(prompt_tokens), 0),
                           coalesce(sum(completion_tokens), 0)
                    FROM batch_lines WHERE batch_id = ?""")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5));
                }
            }
        });
    }

    /** A line as the output and error files need it. */
    public record FinishedLine(String customId, int lineNumber, String status, Integer responseStatus,
                               String responseBody, String errorCode, String errorMessage, String requestId) {
    }

    /** Receives lines one at a time; may throw I/O errors. */
    @FunctionalInterface
    public interface LineSink {
        void accept(FinishedLine line) throws java.io.IOException;
    }

    /** Streams a batch's lines in input order through a cursor, so memory stays bounded whatever the batch size. */
    public void forEachInOrder(String batchId, LineSink sink) {
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT custom_id, line_number, status, response_status, response_body, error_code, error_message,
                           request_id
                    FROM batch_lines WHERE batch_id = ? ORDER BY line_number""")) {
                s.setFetchSize(500);
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt(4);
                        Integer responseStatus = rs.wasNull() ? null : status;
                        sink.accept(new FinishedLine(rs.getString(1), rs.getInt(2), rs.getString(3), responseStatus,
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    /**
     * Binds one column of rows as a {@code String[]}, which the driver sends in binary: built with
     * {@code createArrayOf} it went as an array literal, every character of every response body escaped.
     */
    private static <R> void bindTexts(PreparedStatement s, int index, Collection<R> rows, Function<R, String> field)
            throws SQLException {
        s.setObject(index, rows.stream().map(field).toArray(String[]::new));
    }

    /** Binds one column of rows as an {@code Integer[]} (binary, nulls kept). */
    private static <R> void bindInts(PreparedStatement s, int index, Collection<R> rows, Function<R, Integer> field)
            throws SQLException {
        s.setObject(index, rows.stream().map(field).toArray(Integer[]::new));
    }
}
