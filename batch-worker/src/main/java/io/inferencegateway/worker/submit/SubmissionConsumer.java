package io.inferencegateway.worker.submit;

import io.inferencegateway.batch.BatchSubmission;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.supervision.Loop;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submissions topic's consumer: one record at a time, its offset committed only after
 * {@link SubmissionHandler} has made its durable writes. A failure rewinds to the failed record and retries it with
 * backoff; handling is idempotent, so a record handled twice does no harm. An outage (database or Kafka away) is
 * retried without limit; any other failure, an {@link Error} included, is retried until {@link SubmissionFailures}
 * gives the batch up, which then fails and its record is committed: one bad batch never holds up the others.
 */
public final class SubmissionConsumer implements Loop {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionConsumer.class);

    private final KafkaConsumer<String, BatchSubmission> consumer;
    private final String topic;
    private final SubmissionHandler handler;
    private final SubmissionFailures failures;
    private final Backoff backoff;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public SubmissionConsumer(Map<String, Object> properties, String topic, SubmissionHandler handler,
                              SubmissionFailures failures, Backoff backoff) {
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new JsonSerde<>(BatchSubmission.class).deserializer());
        this.topic = topic;
        this.handler = handler;
        this.failures = failures;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            int failures = 0;
            while (stopping.getCount() > 0) {
                try {
                    ConsumerRecords<String, BatchSubmission> records = consumer.poll(Duration.ofMillis(500));
                    handleAll(records);
                    failures = 0;
                } catch (RecordDeserializationException e) {
                    LOG.error("Skipping an unreadable submission at {} offset {}", e.topicPartition(), e.offset(), e);
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException | java.io.IOException e) {
                    failures++;
                    long delay = backoff.delayMillis(failures);
                    LOG.warn("Submission handling failed (attempt {}), retrying in {} ms: {}", failures, delay,
                            e.toString());
                    if (stopping.await(delay, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the submissions consumer", e);
            }
            stopped.countDown();
        }
    }

    /** Handles the records in order; on a failure rewinds every partition to its first unhandled record. */
    private void handleAll(ConsumerRecords<String, BatchSubmission> records) throws java.io.IOException {
        Map<TopicPartition, Long> unhandled = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            unhandled.put(partition, records.records(partition).get(0).offset());
        }
        try {
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, BatchSubmission> record : records.records(partition)) {
                    if (record.value() != null) {
                        handleOne(record.value().batchId());
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    unhandled.put(partition, record.offset() + 1);
                }
                unhandled.remove(partition);
            }
        } catch (RuntimeException | java.io.IOException e) {
            unhandled.forEach(consumer::seek);
            throw e;
        }
    }

    /** Handles one batch's submission; throws to have it retried, returns when it is done or given up. */
    private void handleOne(String batchId) throws java.io.IOException {
        try {
            handler.handle(batchId);
            failures.forget(batchId);
        } catch (Exception | Error e) {
            boolean outage = SubmissionFailures.isOutage(e);
            if (outage || !failures.exhausted(batchId)) {
                throw new HandlingFailed(batchId, outage, e);
            }
            LOG.error("Giving up batch {}: its submission failed {} times in a row", batchId,
                    SubmissionFailures.MAX_ATTEMPTS, e);
            handler.giveUp(batchId);
            failures.forget(batchId);
        }
    }

    /** A failed handling, to retry after a backoff. */
    private static final class HandlingFailed extends RuntimeException {
        HandlingFailed(String batchId, boolean outage, Throwable cause) {
            super((outage ? "Database or Kafka unavailable while handling batch " : "Handling batch ") + batchId
                    + " failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        consumer.wakeup();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
