package io.inferencegateway.worker.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.DataAccessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which failures are outages, retried without limit, and which count toward giving a batch up. */
@Timeout(10)
class SubmissionFailuresTest {

    @Test
    void theDatabaseOrKafkaBeingAwayIsAnOutage() {
        assertThat(SubmissionFailures.isOutage(new DataAccessException(new SQLException("gone", "08006")))).isTrue();
        assertThat(SubmissionFailures.isOutage(new DataAccessException(
                new SQLTransientConnectionException("pool timed out")))).isTrue();
        assertThat(SubmissionFailures.isOutage(new DataAccessException(new SQLException("shutdown", "57P01"))))
                .isTrue();
        assertThat(SubmissionFailures.isOutage(new KafkaException("Sending to Kafka failed",
                new TimeoutException("expired")))).isTrue();
    }

    @Test
    void whatIsAboutTheBatchItselfIsNot() {
        assertThat(SubmissionFailures.isOutage(new OutOfMemoryError("Java heap space"))).isFalse();
        assertThat(SubmissionFailures.isOutage(new IllegalStateException("adaptor bug"))).isFalse();
        assertThat(SubmissionFailures.isOutage(new UncheckedIOException(new IOException("EIO")))).isFalse();
        assertThat(SubmissionFailures.isOutage(new DataAccessException(new SQLException("too long", "22001"))))
                .isFalse();
        assertThat(SubmissionFailures.isOutage(new KafkaException("Sending to Kafka failed",
                new RecordTooLargeException("18 MB")))).isFalse();
    }

    @Test
    void aBatchIsGivenUpAtTheLimitAndASuccessForgetsItsFailures() {
        SubmissionFailures failures = new SubmissionFailures();
        for (int i = 1; i < SubmissionFailures.MAX_ATTEMPTS; i++) {
            assertThat(failures.exhausted("batch_a")).as("failure %d", i).isFalse();
        }
        failures.forget("batch_a");
        assertThat(failures.exhausted("batch_a")).isFalse();
        for (int i = 2; i < SubmissionFailures.MAX_ATTEMPTS; i++) {
            failures.exhausted("batch_a");
        }
        assertThat(failures.exhausted("batch_a")).isTrue();
    }
}
