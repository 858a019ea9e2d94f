package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guarantee that an accepted batch is never lost starts here: the row is written whatever Kafka does. */
class BatchServiceTest {

    private static Database database;
    private static BatchRepository batches;

    @BeforeAll
    static void open() {
        database = Database.open(TestServers.freshDatabase(), "batch-service-test");
        batches = new BatchRepository(database.dataSource());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    /** A Kafka that takes nothing, remembering what it was offered. */
    private static final class DownKafka implements BatchPublisher {
        final List<String> offered = new ArrayList<>();

        @Override
        public boolean submitted(String batchId) {
            offered.add(batchId);
            return false;
        }

        @Override
        public boolean changed(BatchEvent event) {
            offered.add(event.batchId() + ":" + event.status().wireName());
            return false;
        }
    }

    private static NewBatch batch() {
        return new NewBatch(BatchIds.newId(), ApiStyle.OPENAI, "user-" + BatchIds.newId(), "open", "vllm", "model-a",
                "/v1/chat/completions", "24h", Duration.ofHours(24), null, null, "file-1", null);
    }

    @Test
    void aBatchKafkaRefusedIsStillAcceptedAndStored() {
        DownKafka kafka = new DownKafka();
        BatchService service = new BatchService(batches, kafka, 2, Clock.systemUTC());

        Batch accepted = service.submit(batch());

        assertThat(kafka.offered).containsExactly(accepted.id());
        assertThat(batches.find(accepted.id())).map(Batch::state).contains(BatchState.VALIDATING);
        assertThat(batches.findStale(BatchState.VALIDATING, Duration.ZERO, 10_000)).extracting(Batch::id)
                .contains(accepted.id());
    }

    @Test
    void aCancelKafkaRefusedStillCancels() {
        DownKafka kafka = new DownKafka();
        BatchService service = new BatchService(batches, kafka, 2, Clock.systemUTC());
        Batch accepted = service.submit(batch());

        Batch cancelling = service.cancel(accepted);

        assertThat(cancelling.state()).isEqualTo(BatchState.CANCELLING);
        assertThat(kafka.offered).containsExactly(accepted.id(), accepted.id() + ":cancelling");
    }
}
