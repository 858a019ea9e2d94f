package io.inferencegateway.worker;

import io.inferencegateway.kafka.Topics;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.progress.ProgressStreams;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;

/**
 * Refreshes the lag gauges that no consumer reports itself: the share group's backlog on the lines topic (share
 * consumers have no lag metric; the group's start offsets do) and the progress stream's lag on the results topic.
 */
final class LagProbe {

    private final Admin admin;
    private final Topics topics;
    private final String linesGroup;
    private final ProgressStreams progress;
    private final WorkerMetrics metrics;

    LagProbe(Admin admin, Topics topics, String linesGroup, ProgressStreams progress, WorkerMetrics metrics) {
        this.admin = admin;
        this.topics = topics;
        this.linesGroup = linesGroup;
        this.progress = progress;
        this.metrics = metrics;
    }

    void refresh() throws Exception {
        metrics.lag(topics.results(), progress.lag());
        Map<?, SharePartitionOffsetInfo> offsets = admin
                .listShareGroupOffsets(Map.of(linesGroup, new ListShareGroupOffsetsSpec()))
                .partitionsToOffsetInfo(linesGroup).get(5, TimeUnit.SECONDS);
        long backlog = 0;
        for (SharePartitionOffsetInfo info : offsets.values()) {
            if (info != null) {
                backlog += info.lag().orElse(0L);
            }
        }
        metrics.lag(topics.lines(), backlog);
    }
}
