package io.inferencegateway.worker.kafka;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Status changes to the batch events topic, best effort: PostgreSQL holds the truth, events are for listeners. */
public final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final RecordSender sender;
    private final Topics topics;

    public EventPublisher(RecordSender sender, Topics topics) {
        this.sender = sender;
        this.topics = topics;
    }

    public void publish(String batchId, String userId, BatchState status, int total, int completed, int failed) {
        publish(new BatchEvent(batchId, userId, status, total, completed, failed, System.currentTimeMillis()));
    }

    /** What the scheduler says about a batch in progress: why it waits, or that it may miss its deadline. */
    public void note(String batchId, String userId, String note) {
        publish(new BatchEvent(batchId, userId, BatchState.IN_PROGRESS, 0, 0, 0, System.currentTimeMillis(), note));
    }

    private void publish(BatchEvent event) {
        String batchId = event.batchId();
        try {
            sender.send(topics.events(), batchId, event, (metadata, e) -> {
                        if (e != null) {
                            LOG.debug("Event of batch {} not published: {}", batchId, e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("Event of batch {} not published: {}", batchId, e.toString());
        }
    }
}
