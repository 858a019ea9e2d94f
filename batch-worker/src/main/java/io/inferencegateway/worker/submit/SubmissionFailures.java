package io.inferencegateway.worker.submit;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Counts, per batch, the failures of its submission that no outage explains, so that a submission that fails the
 * same way again and again (a poison: an adaptor that throws, an input that exhausts memory) ends with its batch
 * failed instead of being retried forever in front of every other user's batch. Outages of PostgreSQL or Kafka
 * are not counted: they delay batches, never fail them. Shared by the submission consumers a worker runs in turn.
 */
public final class SubmissionFailures {

    /** Handlings of one batch that may fail before it is given up. */
    public static final int MAX_ATTEMPTS = 5;
    /** Batches remembered at once; only failing ones are, and a success forgets its batch. */
    private static final int REMEMBERED = 1_000;

    private final Map<String, Integer> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Records one more failure of {@code batchId}; true when it has now failed {@link #MAX_ATTEMPTS} times. */
    public synchronized boolean exhausted(String batchId) {
        return failures.merge(batchId, 1, Integer::sum) >= MAX_ATTEMPTS;
    }

    public synchronized void forget(String batchId) {
        failures.remove(batchId);
    }

    /**
     * Whether {@code failure} is the database or Kafka being away (retry without limit) rather than something about
     * this one batch: a lost or refused connection, a transient SQL state, or a Kafka error other than a record too
     * large to send.
     */
    public static boolean isOutage(Throwable failure) {
        boolean outage = false;
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                // Wrapped in the KafkaException of a failed send: the batch's own record, not the broker.
                return false;
            }
            if (t instanceof KafkaException) {
                outage = true;
            } else if (t instanceof SQLException sql) {
                outage |= sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                        || sql instanceof SQLNonTransientConnectionException || transientState(sql.getSQLState());
            }
        }
        return outage;
    }

    /** Connection (08), resources (53), operator intervention (57), system (58) and rollback (40) classes. */
    private static boolean transientState(String state) {
        return state != null && state.length() >= 2
                && switch (state.substring(0, 2)) {
                    case "08", "40", "53", "57", "58" -> true;
                    default -> false;
                };
    }
}
