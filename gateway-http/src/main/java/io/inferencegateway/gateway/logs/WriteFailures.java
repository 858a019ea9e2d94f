package io.inferencegateway.gateway.logs;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a failed write worth retrying (the database is away or busy) from one that fails the same way every time. */
final class WriteFailures {

    private WriteFailures() {
    }

    /**
     * True when the cause chain holds a connection-level or transient SQL error: SQLSTATE classes 08 (connection),
     * 40 (rollback: serialization, deadlock), 53 (insufficient resources), 57 (operator intervention: shutdown,
     * starting up), 58 (system I/O), or no SQLSTATE at all, which is how a pool reports "no connection". Anything
     * else (a data or constraint error) would fail again on retry.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.length() < 2 || switch (state.substring(0, 2)) {
                    case "08", "40", "53", "57", "58" -> true;
                    default -> false;
                };
            }
        }
        return false;
    }

    /**
     * The SQLSTATE and the first line of the server's message, for a log line. Not the whole message: pgjdbc puts a
     * failed batch entry's statement with its bound values (prompts included) into the batch exception's message.
     */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                SQLException source = sql instanceof BatchUpdateException && sql.getNextException() != null
                        ? sql.getNextException() : sql;
                String message = firstLine(source.getMessage());
                return source.getSQLState() == null ? message : "SQLSTATE " + source.getSQLState() + ": " + message;
            }
        }
        return failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return StoredText.fitted(end < 0 ? message : message.substring(0, end), 300);
    }
}
