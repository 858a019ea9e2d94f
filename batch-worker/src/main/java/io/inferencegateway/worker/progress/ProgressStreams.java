package io.inferencegateway.worker.progress;

import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress application (exactly_once_v2) of one worker, with a state directory of its own that close() removes.
 */
public final class ProgressStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressStreams.class);
    /**
     * How often the counts' transaction commits. Each commit is several requests to the broker whatever it carries,
     * and nothing waits on it: request_counts and finalization follow the processor's own flush, not the commit.
     */
    static final int COMMIT_INTERVAL_MS = 1_000;
    static final int FETCH_MIN_BYTES = 64 * 1024;
    static final int FETCH_MAX_WAIT_MS = 100;

    private final KafkaStreams streams;
    private final Path stateDirectory;

    private ProgressStreams(KafkaStreams streams, Path stateDirectory) {
        this.streams = streams;
        this.stateDirectory = stateDirectory;
    }

    public static ProgressStreams start(KafkaSettings kafka, Topics topics, String applicationId, Path stateParent,
                                       String workerId, ProgressSink rows, Consumer<String> finalize,
                                       Duration interval) {
        Path stateDirectory;
        try {
            Files.createDirectories(stateParent);
            stateDirectory = Files.createTempDirectory(stateParent, "batch-progress-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory under " + stateParent, e);
        }
        Properties p = new Properties();
        p.putAll(kafka.clientProperties("progress-" + workerId));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Counts arrive as many small records; fetching them a few times a second, not one by one, spares the
        // stream thread a loop (poll, process, commit check) per record.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), FETCH_MIN_BYTES);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), FETCH_MAX_WAIT_MS);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        KafkaStreams streams = new KafkaStreams(ProgressTopology.build(topics, rows, finalize, interval), p);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.warn("Progress stream thread failed, replacing it: {}", e.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new ProgressStreams(streams, stateDirectory);
    }

    /** Records of the results topic not yet aggregated by this instance (its consumer's worst partition). */
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leave the group at once: otherwise the members that stay wait out this one's session timeout before they
        // take its partitions, and a member closing meanwhile waits with them.
        boolean closed = streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (closed) {
            streams.cleanUp();
        } else {
            LOG.warn("The progress stream did not stop within 30 s; removing its state directory anyway");
        }
        try (Stream<Path> files = Files.walk(stateDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove {}", stateDirectory, e);
        }
    }
}
