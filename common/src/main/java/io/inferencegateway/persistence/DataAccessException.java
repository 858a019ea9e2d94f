package io.inferencegateway.persistence;

import java.sql.SQLException;

/** A database operation failed (unreachable, constraint violated, ...); the cause says which. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** The SQLSTATE of the cause, e.g. {@code 23505} for a unique violation. */
    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
