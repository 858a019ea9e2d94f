package io.inferencegateway.gateway.limits;

import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares usage between gateway replicas through the usage topic. A request only adds to an in-memory sum; every
 * {@code flushInterval} a background thread publishes one record per user (and endpoint) with what was used
 * since, so the topic carries sums, not one record per request. Every replica reads the whole topic from a minute
 * back (no consumer group: each needs every record) and feeds other replicas' sums to a callback.
 */
final class UsageStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageStream.class);

    private final String topic;
    private final String replica;
    private final Duration flushInterval;
    private final LongSupplier clock;
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread publisher;
    private final Thread reader;
    private volatile boolean running = true;

    /** What one record sums: a user's requests (endpoint null) or a user's tokens on one endpoint. */
    private record Key(String userId, String endpoint) {
    }

    UsageStream(KafkaSettings kafka, String topic, String replica, Duration flushInterval, LongSupplier clock,
                Consumer<UsageEvent> fromOthers) {
        this.topic = topic;
        this.replica = replica;
        this.flushInterval = flushInterval;
        this.clock = clock;
        Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties("gateway-usage-" + replica));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "1");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        // A Kafka outage must not hold up the publisher for long: sums published late are worth little.
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(kafka.clientProperties("gateway-usage-reader-" + replica));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.publisher = Thread.ofPlatform().daemon().name("usage-publisher").start(this::publish);
        this.reader = Thread.ofPlatform().daemon().name("usage-reader").start(() -> read(fromOthers));
    }

    /** Adds to what this replica will tell the others at the next flush; never blocks. */
    void add(String userId, String endpoint, long amount) {
        pending.merge(new Key(userId, endpoint), amount, Long::sum);
    }

    long dropped() {
        return dropped.get();
    }

    private void publish() {
        while (running) {
            try {
                Thread.sleep(flushInterval);
                flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not publish usage: {}", e.toString());
            }
        }
    }

    private void flush() {
        long now = clock.getAsLong();
        // Each sum is taken out as it is sent: a user who has gone quiet leaves nothing behind, and what is added
        // meanwhile starts a new sum for the next flush.
        for (Key key : pending.keySet()) {
            Long amount = pending.remove(key);
            if (amount != null && amount > 0) {
                UsageEvent event = new UsageEvent(replica, key.userId(), key.endpoint(), amount, now);
                try {
                    producer.send(new ProducerRecord<>(topic, key.userId(), Json.writeBytes(event)),
                            (metadata, error) -> {
                                if (error != null) {
                                    dropped.incrementAndGet();
                                }
                            });
                } catch (RuntimeException e) {
                    // Not sent (Kafka refused it at once): it goes with the next flush.
                    pending.merge(key, amount, Long::sum);
                    throw e;
                }
            }
        }
    }

    private void read(Consumer<UsageEvent> fromOthers) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            // Start a minute back so a replica that just started knows the current minute's usage.
            long since = clock.getAsLong() - 61_000;
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, since));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                } else {
                    consumer.seekToEnd(List.of(partition));
                }
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    UsageEvent event = decode(record.value());
                    if (event != null && !replica.equals(event.replica())) {
                        fromOthers.accept(event);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us up.
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Usage reader stopped: limits now count this replica's usage only", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static UsageEvent decode(byte[] value) {
        try {
            return Json.MAPPER.readValue(value, UsageEvent.class);
        } catch (java.io.IOException e) {
            LOG.warn("Skipping an unreadable usage record");
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        publisher.interrupt();
        consumer.wakeup();
        try {
            publisher.join(Duration.ofSeconds(5));
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        producer.close(Duration.ofSeconds(2));
    }
}
