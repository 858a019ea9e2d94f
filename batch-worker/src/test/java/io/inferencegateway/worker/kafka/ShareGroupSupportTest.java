package io.inferencegateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.worker.BatchWorker;
import io.inferencegateway.worker.config.WorkerSettings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.SupportedVersionRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker refuses a broker that cannot serve its lanes, saying which Kafka and which feature it needs. */
@Timeout(120)
class ShareGroupSupportTest {

    @Test
    void aKafka41BrokerIsRefusedEvenWithShareGroupsTurnedOnByHand() {
        // 4.1's binary supports metadata.version up to 4.1-IV1 (level 27); its share groups are early access.
        assertThat(ShareGroupSupport.check(Map.of("metadata.version", supported(27), "share.version", supported(1)),
                Map.of("metadata.version", finalized(27), "share.version", finalized(1))))
                .hasValueSatisfying(problem -> assertThat(problem).contains("older than 4.2", "level 27"));
    }

    @Test
    void aNewBrokerWithShareGroupsOffIsRefusedAndOneWithThemOnIsTaken() {
        Map<String, SupportedVersionRange> kafka44 = Map.of("metadata.version", supported(33),
                "share.version", supported(2));
        assertThat(ShareGroupSupport.check(kafka44, Map.of("metadata.version", finalized(33))))
                .hasValueSatisfying(problem -> assertThat(problem).contains("share groups off (share.version 0)",
                        "kafka-features.sh", "--feature share.version=1"));
        assertThat(ShareGroupSupport.check(kafka44, Map.of("metadata.version", finalized(33),
                "share.version", finalized(1)))).isEmpty();
    }

    @Test
    void aWorkerAgainstARealBrokerWithoutShareGroupsRefusesToStart() {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        DatabaseSettings database = TestServers.freshDatabase(2);
        try (RunDirectory run = RunDirectory.create(target, "no-share-groups");
             EmbeddedKafka broker = EmbeddedKafka.start(run, Map.of("share.version", (short) 0))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            WorkerSettings settings = WorkerSettings.fromEnvironment(Map.<String, String>of()::get)
                    .withMetricsPort(0);
            assertThatThrownBy(() -> BatchWorker.start(database, kafka, Topics.defaults(), name -> null, settings))
                    .isInstanceOf(ShareGroupSupport.UnsupportedBrokerException.class)
                    .hasMessageContaining("batch-worker needs Kafka 4.2 or newer with share groups on")
                    .hasMessageContaining("share.version 0");
        }
    }

    private static SupportedVersionRange supported(int max) {
        return new SupportedVersionRange((short) 0, (short) max);
    }

    private static FinalizedVersionRange finalized(int level) {
        return new FinalizedVersionRange((short) level, (short) level);
    }
}
