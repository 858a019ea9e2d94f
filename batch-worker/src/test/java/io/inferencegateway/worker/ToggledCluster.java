package io.inferencegateway.worker;

import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.Jobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cluster whose models a test starts and stops, as an HPC scheduler runs model servers as jobs: each model is
 * running, queued or stopped as {@link #set} last said (running until then).
 */
public final class ToggledCluster extends BaseCluster {

    private static final Map<String, String> STATUS = new ConcurrentHashMap<>();

    public ToggledCluster(ClusterDefinition definition) {
        super(definition);
    }

    static void set(String model, String status) {
        STATUS.put(model, status);
    }

    @Override
    public GetJobsResponse getJobs() {
        List<JobInfo> running = new ArrayList<>();
        List<JobInfo> queued = new ArrayList<>();
        List<JobInfo> stopped = new ArrayList<>();
        STATUS.forEach((model, status) -> {
            JobInfo job = new JobInfo(model, "api", clusterName());
            switch (status) {
                case "queued" -> queued.add(job);
                case "stopped" -> stopped.add(job);
                default -> running.add(job);
            }
        });
        return GetJobsResponse.ok(Jobs.of(running, queued, stopped, Map.of()));
    }
}
