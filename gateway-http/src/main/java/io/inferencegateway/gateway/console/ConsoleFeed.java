package io.inferencegateway.gateway.console;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.KafkaSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one reader of Kafka: the batch events topic (to each owner's console streams) and the capacity topic
 * (to the operator's board), every partition assigned (no consumer group: each replica reads everything, from now
 * on; the capacity topic from a few seconds back, so the board is full at once). Supervised: a failure is logged
 * and counted, the consumer is rebuilt after a growing pause, and {@link #up()} says false until it reads again
 * (readiness and {@code /metrics} show it). An unreadable record is skipped and counted.
 */
public final class ConsoleFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
    static final Duration CAPACITY_LOOKBACK = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** The topics read and where the records go. */
    public record Topics(String events, String capacity) {
    }

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Topics topics;
    private final BatchEventHub hub;
    private final CapacityBoard board;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean up;
    private volatile Consumer<String, byte[]> current;
    private final Thread thread;

    public ConsoleFeed(KafkaSettings kafka, Topics topics, BatchEventHub hub, CapacityBoard board) {
        this(() -> newConsumer(kafka), topics, hub, board);
    }

    ConsoleFeed(Supplier<Consumer<String, byte[]>> consumers, Topics topics, BatchEventHub hub,
                CapacityBoard board) {
        this.consumers = consumers;
        this.topics = topics;
        this.hub = hub;
        this.board = board;
        this.thread = Thread.ofPlatform().daemon().name("console-feed").start(this::supervise);
    }

    private static Consumer<String, byte[]> newConsumer(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties("gateway-console-feed"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Whether the feed is reading now. */
    public boolean up() {
        return up;
    }

    /** Times the consumer failed and was rebuilt. */
    public long failures() {
        return failures.get();
    }

    /** Records that could not be read and were skipped. */
    public long skipped() {
        return skipped.get();
    }

    private void supervise() {
        long backoffMillis = 500;
        while (closing.getCount() > 0) {
            try {
                read();
                backoffMillis = 500;
            } catch (WakeupException e) {
                // close() woke the consumer: the loop ends below.
            } catch (RuntimeException e) {
                up = false;
                failures.incrementAndGet();
                LOG.warn("The console feed failed ({}); reading again in {} ms", e.toString(), backoffMillis);
                try {
                    if (closing.await(backoffMillis, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
        up = false;
    }

    private void read() {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            current = consumer;
            if (closing.getCount() == 0) {
                return;
            }
            List<TopicPartition> events = partitions(consumer, topics.events());
            List<TopicPartition> capacity = partitions(consumer, topics.capacity());
            List<TopicPartition> all = new ArrayList<>(events);
            all.addAll(capacity);
            consumer.assign(all);
            consumer.seekToEnd(events);
            seekBack(consumer, capacity);
            // Seeks are lazy: fix the positions now, so "up" means every later record will be read.
            all.forEach(consumer::position);
            up = true;
            while (closing.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    dispatch(record);
                }
            }
        } finally {
            current = null;
        }
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partitions");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static void seekBack(Consumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - CAPACITY_LOOKBACK.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, Duration.ofSeconds(10));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(topics.events())) {
                hub.publish(Json.MAPPER.readValue(record.value(), BatchEvent.class));
            } else {
                board.accept(Json.MAPPER.readValue(record.value(), CapacityMessage.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            if (skipped.incrementAndGet() == 1) {
                LOG.warn("Skipped an unreadable record of {} ({}); later ones are only counted", record.topic(),
                        e.toString());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        thread.join(Duration.ofSeconds(5));
    }
}
