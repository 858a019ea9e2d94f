package io.inferencegateway.worker.lines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Kafka's {@link MockShareConsumer} with what a {@code KafkaShareConsumer} in explicit acknowledgement mode does and
 * the mock (kafka-clients 4.4.0) does not: its {@code acknowledge} and {@code wakeup} do nothing and its
 * {@code poll} never waits. Here:
 *
 * <ul>
 *   <li>{@code poll} refuses, as the real client does, while a record of the previous poll is unacknowledged
 *       ("All records must be acknowledged in explicit acknowledgement mode."), waits up to its timeout for records,
 *       and throws {@link WakeupException} after {@code wakeup()}, as {@code commitSync} does;</li>
 *   <li>a record acknowledged RENEW comes back with the next poll, as the real client delivers it again;</li>
 *   <li>every acknowledgement is recorded with the poll it belongs to, and a record acknowledged twice in one poll,
 *       or that the last poll did not deliver, is recorded as a violation.</li>
 * </ul>
 */
final class StrictShareConsumer<K, V> extends MockShareConsumer<K, V> {

    /** One acknowledgement: the poll (from 1) that delivered the record, the record, and the type. */
    record Ack<K, V>(int poll, ConsumerRecord<K, V> record, AcknowledgeType type) {
    }

    private record Id(String topic, int partition, long offset) {
        static Id of(ConsumerRecord<?, ?> record) {
            return new Id(record.topic(), record.partition(), record.offset());
        }
    }

    private final Integer acquisitionLockMs;
    private final List<Ack<K, V>> acks = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<ConsumerRecord<K, V>> renewed = new ArrayList<>();
    private Map<Id, ConsumerRecord<K, V>> lastPoll = Map.of();
    private final Map<Id, AcknowledgeType> acknowledged = new LinkedHashMap<>();
    private int polls;
    private boolean wakeup;
    private boolean closed;
    private BiConsumer<ConsumerRecord<K, V>, AcknowledgeType> onAcknowledge = (record, type) -> { };

    /** @param acquisitionLockMs what the broker's acquisition lock is said to be; null for none known (the mock's) */
    StrictShareConsumer(Integer acquisitionLockMs) {
        this.acquisitionLockMs = acquisitionLockMs;
    }

    /** Runs {@code check} on the lane's thread at each acknowledgement, before it is recorded. */
    synchronized void onAcknowledge(BiConsumer<ConsumerRecord<K, V>, AcknowledgeType> check) {
        this.onAcknowledge = check;
    }

    @Override
    public synchronized ConsumerRecords<K, V> poll(Duration timeout) {
        List<Id> open = lastPoll.keySet().stream().filter(id -> !acknowledged.containsKey(id)).toList();
        if (!open.isEmpty()) {
            violations.add("poll " + (polls + 1) + " with records of poll " + polls + " unacknowledged: " + open);
            throw new IllegalStateException("All records must be acknowledged in explicit acknowledgement mode.");
        }
        takeWakeup();
        List<ConsumerRecord<K, V>> delivered = new ArrayList<>(renewed);
        renewed.clear();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            super.poll(Duration.ZERO).forEach(delivered::add);
            long left = deadline - System.nanoTime();
            if (!delivered.isEmpty() || left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            takeWakeup();
        }
        polls++;
        lastPoll = new LinkedHashMap<>();
        delivered.forEach(record -> lastPoll.put(Id.of(record), record));
        acknowledged.clear();
        Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<K, V> record : delivered) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                    .add(record);
        }
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    private void takeWakeup() {
        if (wakeup) {
            wakeup = false;
            throw new WakeupException();
        }
    }

    @Override
    public synchronized void acknowledge(ConsumerRecord<K, V> record) {
        acknowledge(record, AcknowledgeType.ACCEPT);
    }

    @Override
    public synchronized void acknowledge(ConsumerRecord<K, V> record, AcknowledgeType type) {
        Id id = Id.of(record);
        if (!lastPoll.containsKey(id)) {
            violations.add(type + " of " + id + ", which poll " + polls + " did not deliver");
            return;
        }
        if (acknowledged.containsKey(id)) {
            violations.add(type + " of " + id + ", already " + acknowledged.get(id) + " in poll " + polls);
            return;
        }
        onAcknowledge.accept(record, type);
        acknowledged.put(id, type);
        acks.add(new Ack<>(polls, record, type));
        if (type == AcknowledgeType.RENEW) {
            renewed.add(record);
        }
    }

    @Override
    public synchronized void acknowledge(String topic, int partition, long offset, AcknowledgeType type) {
        ConsumerRecord<K, V> record = lastPoll.get(new Id(topic, partition, offset));
        if (record == null) {
            violations.add(type + " of " + topic + "-" + partition + "@" + offset + ", not delivered by poll " + polls);
            return;
        }
        acknowledge(record, type);
    }

    @Override
    public synchronized Map<TopicIdPartition, Optional<KafkaException>> commitSync(Duration timeout) {
        takeWakeup();
        return super.commitSync(timeout);
    }

    @Override
    public synchronized Optional<Integer> acquisitionLockTimeoutMs() {
        return Optional.ofNullable(acquisitionLockMs);
    }

    @Override
    public synchronized void wakeup() {
        super.wakeup();
        wakeup = true;
        notifyAll();
    }

    @Override
    public synchronized void addRecord(ConsumerRecord<K, V> record) {
        super.addRecord(record);
        notifyAll();
    }

    /** Adds records together: no poll sees some of them without the others. */
    synchronized void addRecords(List<ConsumerRecord<K, V>> records) {
        records.forEach(super::addRecord);
        notifyAll();
    }

    @Override
    public synchronized void close(Duration timeout) {
        super.close(timeout);
        closed = true;
        notifyAll();
    }

    synchronized List<Ack<K, V>> acks() {
        return List.copyOf(acks);
    }

    /** The types a record was acknowledged with, one per poll that delivered it, in order. */
    synchronized List<AcknowledgeType> acksOf(ConsumerRecord<?, ?> record) {
        Id id = Id.of(record);
        return acks.stream().filter(ack -> Id.of(ack.record()).equals(id)).map(Ack::type).toList();
    }

    /** The polls (from 1) that delivered a record, in order. */
    synchronized List<Integer> pollsOf(ConsumerRecord<?, ?> record) {
        Id id = Id.of(record);
        return acks.stream().filter(ack -> Id.of(ack.record()).equals(id)).map(Ack::poll).toList();
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Records of the last poll not acknowledged (yet). */
    synchronized List<String> unacknowledged() {
        return lastPoll.keySet().stream().filter(id -> !acknowledged.containsKey(id)).map(Id::toString).toList();
    }

    synchronized int polls() {
        return polls;
    }

    synchronized boolean closed() {
        return closed;
    }
}
