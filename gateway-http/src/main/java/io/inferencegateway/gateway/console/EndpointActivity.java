package io.inferencegateway.gateway.console;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Each endpoint's recent work as PostgreSQL records it: interactive requests and their server-side errors
 * ({@code request_logs}), batch lines finished and failed ({@code batch_lines}), and its unfinished batches.
 */
public final class EndpointActivity {

    private final DataSource dataSource;

    public EndpointActivity(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An endpoint as PostgreSQL names it. */
    public record Key(String cluster, String framework, String model) {
    }

    /**
     * @param requests     interactive requests in the window
     * @param errors       of which the gateway answered 5xx (the backend failed or could not be reached)
     * @param lines        batch lines finished in the window
     * @param failedLines  of which failed
     * @param batches      batches not yet finished
     * @param linesLeft    their lines not yet answered
     */
    public record Activity(long requests, long errors, long lines, long failedLines, long batches, long linesLeft) {

        static final Activity NONE = new Activity(0, 0, 0, 0, 0, 0);
    }

    public Map<Key, Activity> recent(Duration window, Instant now) {
        return Sql.withConnection(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT cluster, framework, model, sum(requests) AS requests, sum(errors) AS errors,
                           sum(lines) AS lines, sum(failed_lines) AS failed_lines, sum(batches) AS batches,
                           sum(lines_left) AS lines_left
                    FROM (
                        SELECT cluster, framework, model, count(*) AS requests,
                               count(*) FILTER (WHERE status_code >= 500) AS errors, 0 AS lines, 0 AS failed_lines,
                               0 AS batches, 0 AS lines_left
                        FROM request_logs WHERE timestamp_compute_request >= ? GROUP BY 1, 2, 3
                        UNION ALL
                        SELECT b.cluster, b.framework, b.model, 0, 0, count(*),
                               count(*) FILTER (WHERE l.status = 'failed'), 0, 0
                        FROM batches b JOIN batch_lines l ON l.batch_id = b.id
                        WHERE l.finished_at >= ?
                          AND (b.status NOT IN ('completed', 'failed', 'expired', 'cancelled')
                               OR coalesce(b.completed_at, b.failed_at, b.expired_at, b.cancelled_at) >= ?)
                        GROUP BY 1, 2, 3
                        UNION ALL
                        SELECT cluster, framework, model, 0, 0, 0, 0, count(*),
                               sum(greatest(request_total - request_completed - request_failed, 0))
                        FROM batches WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling')
                        GROUP BY 1, 2, 3
                    ) activity GROUP BY 1, 2, 3""")) {
                Timestamp from = Timestamp.from(now.minus(window));
                query.setTimestamp(1, from);
                query.setTimestamp(2, from);
                query.setTimestamp(3, from);
                Map<Key, Activity> activity = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        activity.put(new Key(rows.getString("cluster"), rows.getString("framework"),
                                rows.getString("model")), new Activity(rows.getLong("requests"),
                                rows.getLong("errors"), rows.getLong("lines"), rows.getLong("failed_lines"),
                                rows.getLong("batches"), rows.getLong("lines_left")));
                    }
                }
                return activity;
            }
        });
    }
}
