package io.inferencegateway.budget;

import io.inferencegateway.persistence.Sql;
import io.inferencegateway.spi.CallBudget;
import io.inferencegateway.spi.RateLimit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link CallBudget} every process of a deployment shares, in PostgreSQL: a key's row holds the starts of its
 * latest calls and its pause, read and written under the row's lock, on the database's clock. gateway-http and
 * batch-worker offer it to their adaptors, so the replicas and workers that call a service as one client stay
 * together within its limit, and a 429 any of them gets pauses them all. One short transaction per call.
 */
public final class PostgresCallBudget implements CallBudget {

    private static final String NOW_MICROS = "(extract(epoch from clock_timestamp()) * 1000000)::bigint";

    private final DataSource dataSource;

    public PostgresCallBudget(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Duration> reserve(String key, RateLimit limit, Duration maxWait) {
        return Sql.inTransaction(dataSource, connection -> {
            Row row = lock(connection, key);
            long start = limit.nextStart(row.recent(), row.pausedUntil(), row.now());
            if (start - row.now() > maxWait.toNanos() / 1_000) {
                return Optional.empty();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE call_budgets SET recent = ? WHERE key = ?")) {
                update.setArray(1, connection.createArrayOf("bigint", box(limit.remember(row.recent(), start))));
                update.setString(2, key);
                update.executeUpdate();
            }
            return Optional.of(Duration.ofNanos((start - row.now()) * 1_000));
        });
    }

    @Override
    public void pause(String key, Duration pause) {
        Sql.inTransaction(dataSource, connection -> {
            lock(connection, key);
            try (PreparedStatement update = connection.prepareStatement("UPDATE call_budgets SET paused_until = "
                    + "greatest(paused_until, " + NOW_MICROS + " + ?) WHERE key = ?")) {
                update.setLong(1, pause.toNanos() / 1_000);
                update.setString(2, key);
                update.executeUpdate();
            }
            return null;
        });
    }

    private record Row(long[] recent, long pausedUntil, long now) {
    }

    /** The key's row, created on first use, locked until the transaction ends. */
    private static Row lock(Connection connection, String key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO call_budgets (key) VALUES (?) ON CONFLICT (key) DO NOTHING")) {
            insert.setString(1, key);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT recent, paused_until, " + NOW_MICROS
                + " FROM call_budgets WHERE key = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                Array array = rows.getArray(1);
                Object[] values = array == null ? new Object[0] : (Object[]) array.getArray();
                long[] recent = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    recent[i] = ((Number) values[i]).longValue();
                }
                return new Row(recent, rows.getLong(2), rows.getLong(3));
            }
        }
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
