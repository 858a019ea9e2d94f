package io.inferencegateway.worker.schedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partition of the lines topic the leader sends each line to: never one holding many more lines not yet done
 * than the others, so that every partition holds about as many as its lanes drain. The share group gives each lane
 * one or two partitions, and a partition whose lanes have fewer partitions each, or more lanes, drains faster than
 * the others: with lines spread by key, the slowest partitions came to hold most of the lines on the topic, and a
 * batch ended with only their few lanes running while the rest of the workers idled (two workers, 20,000 lines of a
 * 100 ms backend: the last 2 s at half their slots). The group's lag per partition is read in the background every {@link #REFRESH_MILLIS}, one
 * read at a time; until a reading covers every partition, or while none can be had, lines go by key as before. Not
 * thread-safe but for that hand-over: the scheduler's loop owns it.
 */
public final class PartitionBacklog {

    /** Reads the lag of every partition of the lines topic; -1 for a partition the group has no state of yet. */
    public interface LagReader {
        Map<Integer, Long> read() throws Exception;
    }

    static final long REFRESH_MILLIS = 250;
    /**
     * How many more lines than the least loaded partition a partition may hold and still be sent lines: a few lanes'
     * fetches (16 lines each), so that a partition is passed over for a backlog, not for the noise between readings.
     */
    static final long SLACK = 64;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionBacklog.class);
    private static final long TIMEOUT_SECONDS = 5;
    /** How often the lines topic's partitions are counted again: an operator may add some. */
    private static final long PARTITIONS_MILLIS = 60_000;

    private final LagReader reader;
    private final AtomicBoolean reading = new AtomicBoolean();
    /** The latest complete reading not yet taken in by {@link #refresh}; null when none came since. */
    private volatile Map<Integer, Long> arrived;
    private long nextRead;
    private boolean warned;
    /** The partitions, and for each the lines it held at the last reading plus those sent to it since. */
    private int[] partitions = new int[0];
    private long[] load = new long[0];
    private int cursor;

    PartitionBacklog(LagReader reader) {
        this.reader = reader;
    }

    /**
     * The lag of the share group {@code group} on {@code topic}, read with {@code admin}; the topic's partitions are
     * asked for again every {@link #PARTITIONS_MILLIS}, not with every reading.
     */
    public static LagReader lagOf(Admin admin, String group, String topic) {
        // When the partitions were last counted, and how many there were (the reads run one at a time).
        long[] counted = {0, 0};
        return () -> {
            if (System.currentTimeMillis() - counted[0] >= PARTITIONS_MILLIS) {
                counted[1] = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().size();
                counted[0] = System.currentTimeMillis();
            }
            int count = (int) counted[1];
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin
                    .listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                    .partitionsToOffsetInfo(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Long> lags = new HashMap<>();
            for (int p = 0; p < count; p++) {
                SharePartitionOffsetInfo info = offsets.get(new TopicPartition(topic, p));
                lags.put(p, info == null ? -1 : info.lag().orElse(-1L));
            }
            return lags;
        };
    }

    /** Takes in the latest reading, if one came, and asks for the next when due. */
    void refresh(long nowMillis) {
        Map<Integer, Long> reading = arrived;
        if (reading != null) {
            arrived = null;
            partitions = reading.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            load = new long[partitions.length];
            cursor = cursor % partitions.length;
            for (int i = 0; i < partitions.length; i++) {
                load[i] = reading.get(partitions[i]);
            }
        }
        if (nowMillis >= nextRead && this.reading.compareAndSet(false, true)) {
            nextRead = nowMillis + REFRESH_MILLIS;
            Thread.ofVirtual().name("lines-partition-backlog").start(this::read);
        }
    }

    /**
     * The partition for the next line, counted as sent there: the partitions in turn, as keys would spread them, but
     * for those holding more than {@link #SLACK} lines beyond the least loaded, which get none until the others catch
     * up. (Always the least loaded one concentrated each tick's lines on one or two partitions between readings, and
     * the lanes of the others starved.) Null, for the key to decide, until a reading covers every partition.
     */
    Integer next() {
        if (partitions.length == 0) {
            return null;
        }
        long least = Long.MAX_VALUE;
        for (long lines : load) {
            least = Math.min(least, lines);
        }
        while (true) {
            int i = cursor;
            cursor = (cursor + 1) % partitions.length;
            if (load[i] <= least + SLACK) {
                load[i]++;
                return partitions[i];
            }
        }
    }

    /** Whether a reading of every partition was taken in. */
    boolean loaded() {
        return partitions.length > 0;
    }

    private void read() {
        try {
            Map<Integer, Long> lags = reader.read();
            if (!lags.isEmpty() && lags.values().stream().allMatch(lag -> lag >= 0)) {
                arrived = lags;
                warned = false;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!warned) {
                warned = true;
                LOG.warn("Cannot read the lines topic's backlog per partition ({}); lines go by key until it can",
                        e.toString());
            }
        } finally {
            reading.set(false);
        }
    }
}
