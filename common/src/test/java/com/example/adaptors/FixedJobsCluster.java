package com.example.adaptors;

import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.Jobs;
import java.util.List;
import java.util.Map;

/** The cluster half of the worked example: reports every configured model as running. */
public class FixedJobsCluster extends BaseCluster {

    public FixedJobsCluster(ClusterDefinition definition) {
        super(definition);
    }

    @Override
    public GetJobsResponse getJobs() {
        List<JobInfo> running = config().path("models").valueStream()
                .map(model -> new JobInfo(model.asText(), frameworks().get(0), clusterName())
                        .with("Model Status", "running"))
                .toList();
        return GetJobsResponse.ok(Jobs.of(running, List.of(), List.of(), Map.of("free_nodes", 0)));
    }
}
