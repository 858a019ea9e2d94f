package io.inferencegateway.worker.progress;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.kafka.Topics;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** The Kafka Streams topology that turns line results (keyed by batch id) into progress and batch events. */
public final class ProgressTopology {

    static final String STORE = "batch-progress";

    private ProgressTopology() {
    }

    /**
     * @param finalize called with a batch id once every line of the batch is accounted for
     * @param interval how often counts go to PostgreSQL and progress events out
     */
    public static Topology build(Topics topics, ProgressSink rows, Consumer<String> finalize, Duration interval) {
        StreamsBuilder builder = new StreamsBuilder();
        // In memory, restored from its changelog: one small entry per running batch.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                new JsonSerde<>(Progress.class)));
        builder.stream(topics.results(), Consumed.with(Serdes.String(), new JsonSerde<>(RecordedLines.class)))
                .process(() -> new ProgressProcessor(rows, finalize, interval), STORE)
                .to(topics.events(), Produced.with(Serdes.String(), new JsonSerde<>(BatchEvent.class)));
        return builder.build();
    }
}
