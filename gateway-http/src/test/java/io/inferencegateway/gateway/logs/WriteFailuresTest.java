package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.DataAccessException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class WriteFailuresTest {

    @Test
    void retriesWhenTheDatabaseIsAwayOrBusy() {
        assertThat(WriteFailures.isTransient(failure("08001"))).as("connection refused").isTrue();
        assertThat(WriteFailures.isTransient(failure("57P01"))).as("admin shutdown").isTrue();
        assertThat(WriteFailures.isTransient(failure("40001"))).as("serialization failure").isTrue();
        assertThat(WriteFailures.isTransient(failure("53300"))).as("too many connections").isTrue();
        assertThat(WriteFailures.isTransient(failure(null))).as("pool timeout without SQLSTATE").isTrue();
        assertThat(WriteFailures.isTransient(new DataAccessException(
                new SQLTransientConnectionException("pool - Connection is not available", "08S01"))))
                .isTrue();
        assertThat(WriteFailures.isTransient(new DataAccessException(
                new BatchUpdateException("batch entry 3 failed", "08006", 0, new int[0])))).isTrue();
    }

    @Test
    void doesNotRetryWhatWouldFailAgain() {
        assertThat(WriteFailures.isTransient(failure("23514"))).as("check violation").isFalse();
        assertThat(WriteFailures.isTransient(failure("22001"))).as("value too long").isFalse();
        assertThat(WriteFailures.isTransient(failure("42P01"))).as("no such table").isFalse();
        assertThat(WriteFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void describesAFailureWithoutTheBoundValues() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ... VALUES ('a secret prompt')"
                + " was aborted", "23514", 0, new int[0]);
        batch.setNextException(new SQLException("ERROR: new row violates check constraint \"c\"\n"
                + "  Detail: Failing row contains (a secret prompt).", "23514"));

        assertThat(WriteFailures.describe(new DataAccessException(batch)))
                .isEqualTo("SQLSTATE 23514: ERROR: new row violates check constraint \"c\"");
        assertThat(WriteFailures.describe(new IllegalStateException("a bug"))).isEqualTo("IllegalStateException: a bug");
    }

    private static DataAccessException failure(String sqlState) {
        return new DataAccessException(new SQLException("failed", sqlState));
    }
}
