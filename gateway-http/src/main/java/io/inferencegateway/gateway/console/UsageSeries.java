package io.inferencegateway.gateway.console;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/**
 * Series over time read from PostgreSQL for the console's charts, in fixed buckets ending now: one user's tokens per
 * model (interactive requests from {@code request_logs}, batch lines by the time they finished), and the lines
 * backlog over every batch (lines of started batches not yet finished).
 */
public final class UsageSeries {

    private final DataSource dataSource;

    public UsageSeries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Buckets of {@code step} over {@code window} up to {@code now}.
     *
     * @param times  each bucket's start, in epoch seconds
     * @param series values per bucket, by name
     */
    public record Series(List<Long> times, Map<String, long[]> series) {
    }

    /** {@code userId}'s total tokens per model and bucket. */
    public Series tokens(String userId, Duration window, Duration step, Instant now) {
        Instant from = now.minus(window);
        int buckets = (int) (window.toSeconds() / step.toSeconds());
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT model, floor(extract(epoch FROM at - ?) / ?)::int AS bucket, sum(tokens) AS tokens FROM (
                        SELECT model, timestamp_compute_request AS at,
                               coalesce(total_tokens, coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0))
                                   AS tokens
                        FROM request_logs WHERE user_id = ? AND timestamp_compute_request >= ?
                        UNION ALL
                        SELECT b.model, l.finished_at,
                               coalesce(l.prompt_tokens, 0) + coalesce(l.completion_tokens, 0)
                        FROM batches b JOIN batch_lines l ON l.batch_id = b.id
                        WHERE b.user_id = ? AND l.finished_at >= ?
                          AND (b.status NOT IN ('completed', 'failed', 'expired', 'cancelled')
                               OR coalesce(b.completed_at, b.failed_at, b.expired_at, b.cancelled_at) >= ?)
                    ) usage WHERE at < ? GROUP BY 1, 2""")) {
                java.sql.Timestamp start = java.sql.Timestamp.from(from);
                query.setTimestamp(1, start);
                query.setLong(2, step.toSeconds());
                query.setString(3, userId);
                query.setTimestamp(4, start);
                query.setString(5, userId);
                query.setTimestamp(6, start);
                query.setTimestamp(7, start);
                query.setTimestamp(8, java.sql.Timestamp.from(now));
                Map<String, long[]> series = new TreeMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        int bucket = rows.getInt("bucket");
                        if (bucket >= 0 && bucket < buckets) {
                            series.computeIfAbsent(rows.getString("model"), m -> new long[buckets])[bucket]
                                    += rows.getLong("tokens");
                        }
                    }
                }
                return new Series(times(from, step, buckets), series);
            }
        });
    }

    /**
     * The most lines of every batch left to answer at any moment of each bucket: each line counts from its batch's
     * start until it finished (or its batch ended), so a batch that came and went within a bucket still shows. One
     * pass over the lines of batches that were active in the window.
     */
    public Series backlog(Duration window, Duration step, Instant now) {
        Instant from = now.minus(window);
        int buckets = (int) (window.toSeconds() / step.toSeconds());
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    WITH active AS (
                        SELECT id, in_progress_at AS started,
                               coalesce(completed_at, failed_at, expired_at, cancelled_at) AS ended
                        FROM batches WHERE in_progress_at IS NOT NULL AND in_progress_at < ?
                          AND (status NOT IN ('completed', 'failed', 'expired', 'cancelled')
                               OR coalesce(completed_at, failed_at, expired_at, cancelled_at) >= ?)
                    ), spans AS (
                        SELECT a.started, least(l.finished_at, a.ended) AS ended
                        FROM active a JOIN batch_lines l ON l.batch_id = a.id
                    ), changes AS (
                        SELECT started AS at, 1 AS delta FROM spans
                        UNION ALL SELECT ended, -1 FROM spans WHERE ended IS NOT NULL AND ended < ?
                    ), levels AS (
                        SELECT at, sum(delta) OVER (ORDER BY at, delta DESC ROWS UNBOUNDED PRECEDING) AS level
                        FROM changes
                    )
                    SELECT greatest(floor(extract(epoch FROM at - ?) / ?)::int, -1) AS bucket,
                           max(level) AS peak, (array_agg(level ORDER BY at DESC, level))[1] AS last
                    FROM levels GROUP BY 1""")) {
                java.sql.Timestamp end = java.sql.Timestamp.from(now);
                java.sql.Timestamp start = java.sql.Timestamp.from(from);
                query.setTimestamp(1, end);
                query.setTimestamp(2, start);
                query.setTimestamp(3, end);
                query.setTimestamp(4, start);
                query.setLong(5, step.toSeconds());
                long[] peaks = new long[buckets + 1];
                long[] lasts = new long[buckets + 1];
                boolean[] changed = new boolean[buckets + 1];
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        int bucket = Math.min(rows.getInt("bucket"), buckets - 1) + 1;
                        peaks[bucket] = rows.getLong("peak");
                        lasts[bucket] = rows.getLong("last");
                        changed[bucket] = true;
                    }
                }
                long[] backlog = new long[buckets];
                long level = lasts[0];
                for (int i = 0; i < buckets; i++) {
                    backlog[i] = Math.max(0, changed[i + 1] ? Math.max(level, peaks[i + 1]) : level);
                    if (changed[i + 1]) {
                        level = lasts[i + 1];
                    }
                }
                Map<String, long[]> series = new LinkedHashMap<>();
                series.put("lines", backlog);
                return new Series(times(from, step, buckets), series);
            }
        });
    }

    private static List<Long> times(Instant from, Duration step, int buckets) {
        return LongStream.range(0, buckets).map(i -> from.getEpochSecond() + i * step.toSeconds()).boxed().toList();
    }
}
