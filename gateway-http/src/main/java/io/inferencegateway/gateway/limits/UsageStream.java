package io.inferencegateway.gateway.limits;

import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * Shares usage between gateway replicas through the usage topic. Publishing never blocks a request: events go
 * to a bounded queue that a background thread hands to the producer. Every replica reads the whole topic from a
 * minute back (no consumer group: each needs every record) and feeds other replicas' events to a callback.
 */
final class UsageStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageStream.class);
    private static final UsageEvent STOP = new UsageEvent("", "", null, 0, 0);

    private final String topic;
    private final String replica;
    private final BlockingQueue<UsageEvent> outbox = new ArrayBlockingQueue<>(100_000);
    private final AtomicLong dropped = new AtomicLong();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread publisher;
    private final Thread reader;
    private volatile boolean running = true;

    UsageStream(KafkaSettings kafka, String topic, String replica, Consumer<UsageEvent> fromOthers) {
        this.topic = topic;
        this.replica = replica;
        Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties("gateway-usage-" + replica));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "1");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(kafka.clientProperties("gateway-usage-reader-" + replica));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.publisher = Thread.ofPlatform().daemon().name("usage-publisher").start(this::publish);
        this.reader = Thread.ofPlatform().daemon().name("usage-reader").start(() -> read(fromOthers));
    }

    /** Queues an event for the other replicas; drops it (and counts) when the queue is full. */
    void offer(UsageEvent event) {
        if (!outbox.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void publish() {
        try {
            while (running) {
                UsageEvent event = outbox.poll(1, TimeUnit.SECONDS);
                if (event == null || event == STOP) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, event.userId(), Json.writeBytes(event)), (metadata, error) -> {
                    if (error != null) {
                        dropped.incrementAndGet();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Usage publisher stopped", e);
        }
    }

    private void read(Consumer<UsageEvent> fromOthers) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            // Start a minute back so a replica that just started knows the current minute's usage.
            long since = System.currentTimeMillis() - 61_000;
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
        outbox.offer(STOP);
        consumer.wakeup();
        try {
            publisher.join(Duration.ofSeconds(5));
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }
}
