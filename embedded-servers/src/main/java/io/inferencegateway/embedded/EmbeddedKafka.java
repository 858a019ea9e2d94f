package io.inferencegateway.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kafka (KRaft broker and controller in one node) on free loopback ports, with its log directory in a
 * {@link RunDirectory}; it can be stopped and started again on the same ports and data, and close() removes its files.
 *
 * <p>It uses the broker's internal classes ({@code kafka.server}), so it is tied to the Kafka version in the build.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final RunDirectory run;
    private final Path logDirectory;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, Short> featureLevels;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(RunDirectory run, int port, int controllerPort, Map<String, Short> featureLevels) {
        this.run = run;
        this.featureLevels = Map.copyOf(featureLevels);
        this.logDirectory = run.newSubdirectory("kafka");
        this.port = port;
        this.properties = KafkaBrokerConfig.singleNode(port, controllerPort, logDirectory);
    }

    /** Formats a fresh log directory and starts the broker on free ports; returns once clients can use it. */
    public static EmbeddedKafka start(RunDirectory run) {
        return start(run, Map.of());
    }

    /**
     * As {@link #start(RunDirectory)}, with features formatted at other levels than this version's defaults (e.g.
     * {@code share.version} 0: a broker with share groups off, as Kafka 4.1 formats one).
     */
    public static EmbeddedKafka start(RunDirectory run, Map<String, Short> featureLevels) {
        KafkaLogging.quietUnlessConfigured();
        EmbeddedKafka kafka = run.closeBeforeRemoval(new EmbeddedKafka(run, LoopbackPorts.free(), LoopbackPorts.free(),
                featureLevels));
        try {
            kafka.format();
            kafka.start();
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** Starts the broker again after {@link #stop()}, same ports, same records; does nothing if it runs. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Kafka on port " + port + " is closed");
        }
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        // A fresh KafkaConfig per start: the broker attaches its dynamic configuration state to the instance.
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutdown(starting);
            throw e;
        }
        server = starting;
        LOG.info("Kafka ready on {} in {} ms (logs in {})",
                bootstrapServers(), (System.nanoTime() - started) / 1_000_000, logDirectory);
    }

    /** Stops the broker and waits until it has released its ports; its records stay for start(). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            shutdown(server);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }


    public Path logDirectory() {
        return logDirectory;
    }

    /** Stops the broker and removes its log directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stop();
        } finally {
            run.release(this);
            FileTrees.deleteRecursively(logDirectory);
        }
    }

    private void format() {
        try {
            Formatter formatter = new Formatter();
            featureLevels.forEach(formatter::setFeatureLevel);
            formatter
                    .setNodeId(KafkaBrokerConfig.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka's log directory " + logDirectory, e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}
