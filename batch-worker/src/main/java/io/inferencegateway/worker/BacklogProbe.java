package io.inferencegateway.worker;

import io.inferencegateway.kafka.Topics;
import io.inferencegateway.worker.config.WorkerSettings;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Refreshes the backlog gauges from the broker's view of each group, so that every worker reports the same
 * group-wide figure and it falls to 0 once the work is done: the lines share group's lag, and for the submissions
 * group and the progress stream the records between their committed offsets and the end of each partition.
 */
final class BacklogProbe {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final Topics topics;
    private final WorkerSettings settings;
    private final WorkerMetrics metrics;

    BacklogProbe(Admin admin, Topics topics, WorkerSettings settings, WorkerMetrics metrics) {
        this.admin = admin;
        this.topics = topics;
        this.settings = settings;
        this.metrics = metrics;
    }

    void refresh() throws Exception {
        metrics.backlog("lines", topics.lines(), sharedBacklog(settings.linesGroup()));
        metrics.backlog("submissions", topics.submissions(),
                committedBacklog(settings.submissionsGroup(), topics.submissions()));
        metrics.backlog("results", topics.results(),
                committedBacklog(settings.progressApplicationId(), topics.results()));
    }

    private long sharedBacklog(String group) throws Exception {
        Map<?, SharePartitionOffsetInfo> offsets = admin
                .listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                .partitionsToOffsetInfo(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long backlog = 0;
        for (SharePartitionOffsetInfo info : offsets.values()) {
            if (info != null) {
                backlog += info.lag().orElse(0L);
            }
        }
        return backlog;
    }

    /** Records of {@code topic} after the group's committed offsets (all of a partition it never committed). */
    private long committedBacklog(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec()))
                .partitionsToOffsetAndMetadata(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
        admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic).partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.latest()));
        long backlog = 0;
        var latest = admin.listOffsets(ends).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (var end : latest.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long start = done == null ? earliest(end.getKey()) : done.offset();
            backlog += Math.max(0, end.getValue().offset() - start);
        }
        return backlog;
    }

    private long earliest(TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
    }
}
