package io.inferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicsTest {

    @Test
    void namesEveryRoleUnderThePrefix() {
        Topics topics = new Topics("test-1.", 12);

        assertThat(topics.all()).extracting(Topics.Spec::name).containsExactly(
                "test-1.batch-submissions", "test-1.batch-lines", "test-1.batch-results",
                "test-1.batch-events", "test-1.usage", "test-1.batch-lines-dead-letters", "test-1.capacity");
        assertThat(topics.all()).filteredOn(spec -> spec.name().equals(topics.lines()))
                .singleElement().extracting(Topics.Spec::partitions).isEqualTo(12);
        assertThat(topics.all()).filteredOn(spec -> spec.name().equals(topics.results()))
                .singleElement().extracting(Topics.Spec::partitions).isEqualTo(12);
        // Every worker reads all of it from its end: one partition, kept an hour.
        assertThat(topics.all()).filteredOn(spec -> spec.name().equals(topics.capacity())).singleElement()
                .satisfies(spec -> {
                    assertThat(spec.partitions()).isEqualTo(1);
                    assertThat(spec.configs()).containsEntry("retention.ms", "3600000");
                });
    }

    @Test
    void defaultsLeaveRoomForSeveralWorkers() {
        assertThat(Topics.defaults().lines()).isEqualTo("gateway.batch-lines");
        assertThat(Topics.defaults().workPartitions()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void rejectsNamesKafkaWouldRefuse() {
        assertThatThrownBy(() -> new Topics("bad/prefix", 12)).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new Topics("ok.", 0)).hasMessageContaining("workPartitions");
    }
}
