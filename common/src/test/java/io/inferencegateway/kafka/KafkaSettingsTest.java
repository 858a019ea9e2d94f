package io.inferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void acceptsHostPortLists() {
        KafkaSettings settings = new KafkaSettings(" kafka-1:9092, 10.0.0.2:9093,[::1]:9094 ", "worker");

        assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:9092, 10.0.0.2:9093,[::1]:9094");
        assertThat(settings.clientId("lines")).isEqualTo("worker-lines");
        assertThat(settings.clientProperties("lines"))
                .containsEntry("bootstrap.servers", settings.bootstrapServers())
                .containsEntry("client.id", "worker-lines");
    }

    @Test
    void rejectsWhatNoClientCouldUse() {
        assertThatThrownBy(() -> KafkaSettings.of("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> KafkaSettings.of("localhost")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> KafkaSettings.of("localhost:9092,")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> KafkaSettings.of("localhost:70000")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new KafkaSettings("localhost:9092", "has space"))
                .hasMessageContaining("clientIdPrefix");
    }
}
