package io.inferencegateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.kafka.KafkaSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkerKafkaTest {

    private final WorkerKafka kafka = new WorkerKafka(KafkaSettings.of("127.0.0.1:9092"));

    @Test
    void budgetsAndReportsGoOutAtOnceWhileLinesAndResultsShareRequests() {
        assertThat(kafka.capacityProducer("capacity")).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThat(kafka.producer("lines")).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 10);
    }
}
