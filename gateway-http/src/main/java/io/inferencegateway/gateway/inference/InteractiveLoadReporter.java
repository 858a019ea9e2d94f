package io.inferencegateway.gateway.inference;

import io.inferencegateway.capacity.InteractiveReport;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the batch scheduler, on the capacity topic, what interactive load this replica puts on each endpoint: every
 * {@link #INTERVAL} while there is any, and at once (at most every {@link #MIN_GAP}) when it rises above the last
 * report, off the request path. A report that cannot be sent is counted and dropped (the next one says the same,
 * fresher); a failure of the reporting thread is logged and the thread carries on.
 */
public final class InteractiveLoadReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InteractiveLoadReporter.class);
    static final Duration INTERVAL = Duration.ofMillis(200);
    /** Bounds the reports of a steep rise: one per step of a few requests rather than one per request. */
    static final Duration MIN_GAP = Duration.ofMillis(10);

    private final InteractiveLoad load;
    private final String topic;
    private final String replica;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong dropped = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;

    public InteractiveLoadReporter(InteractiveLoad load, KafkaSettings kafka, String topic, String replica) {
        this.load = load;
        this.topic = topic;
        this.replica = replica;
        Map<String, Object> config = new HashMap<>(kafka.clientProperties("gateway-load-" + replica));
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        // Late load reports are worth nothing: never hold the reporter up for long.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_500);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.thread = Thread.ofPlatform().daemon().name("interactive-load-reporter").start(this::run);
    }

    /** Reports not sent since start. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        try {
            long nextRegular = System.nanoTime() + INTERVAL.toNanos();
            while (closing.getCount() > 0) {
                boolean rose = load.awaitRise(TimeUnit.NANOSECONDS.toMillis(nextRegular - System.nanoTime()));
                if (closing.getCount() == 0) {
                    return;
                }
                try {
                    report();
                } catch (RuntimeException e) {
                    dropped.incrementAndGet();
                    LOG.warn("Interactive load not reported: {}", e.toString());
                }
                if (rose) {
                    closing.await(MIN_GAP.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    nextRegular = System.nanoTime() + INTERVAL.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report() {
        List<InteractiveReport.EndpointLoad> loads = load.drain();
        if (loads.isEmpty()) {
            return;
        }
        InteractiveReport report = new InteractiveReport(replica, System.currentTimeMillis(), loads);
        producer.send(new ProducerRecord<>(topic, replica, Json.writeBytes(report)), (metadata, error) -> {
            if (error != null) {
                dropped.incrementAndGet();
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        thread.join(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(1));
    }
}
