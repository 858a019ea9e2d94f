package io.inferencegateway.gateway.first;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.inference.TargetResolver;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.Jobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A cluster's jobs as one caller may see them: only models whose endpoint exists and is permitted to them. */
final class JobsView {

    private JobsView() {
    }

    static Jobs forUser(AdaptorRegistry registry, BaseCluster cluster, Jobs jobs, User user) {
        List<String> visible = registry.endpoints(cluster.clusterName()).stream()
                .filter(endpoint -> TargetResolver.denial(endpoint, user).isEmpty())
                .map(endpoint -> endpoint.model().toLowerCase(java.util.Locale.ROOT))
                .toList();
        return new Jobs(filter(jobs.running(), visible), filter(jobs.queued(), visible), filter(jobs.stopped(), visible),
                filter(jobs.others(), visible), filter(jobs.privateBatchRunning(), visible),
                filter(jobs.privateBatchQueued(), visible), jobs.clusterStatus());
    }

    /** Under maintenance: every model the caller may use, as stopped, without asking the backend (FIRST). */
    static Jobs underMaintenance(AdaptorRegistry registry, BaseCluster cluster, User user) {
        List<JobInfo> stopped = new ArrayList<>();
        for (BaseEndpoint endpoint : registry.endpoints(cluster.clusterName())) {
            if (TargetResolver.denial(endpoint, user).isEmpty()) {
                stopped.add(new JobInfo(endpoint.model(), endpoint.framework(), cluster.clusterName()));
            }
        }
        return Jobs.of(List.of(), List.of(), stopped, Map.of());
    }

    private static List<JobInfo> filter(List<JobInfo> jobs, List<String> visible) {
        List<JobInfo> kept = new ArrayList<>();
        for (JobInfo job : jobs) {
            String models = java.util.Arrays.stream(job.models().split(","))
                    .map(String::trim)
                    .filter(model -> visible.contains(model.toLowerCase(java.util.Locale.ROOT)))
                    .collect(Collectors.joining(","));
            if (!models.isEmpty()) {
                kept.add(job.withModels(models));
            }
        }
        return kept;
    }
}
