package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.Jobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster adaptor that reports a fixed set of models, each running, queued or stopped as its {@code config}
 * says: {@code {"models": {"name": "running" | "queued" | "stopped"}, "framework": "vllm"}}.
 */
public class SimulatedCluster extends BaseCluster {

    private static final Set<String> KEYS = Set.of("models", "framework");
    private static final List<String> STATUSES = List.of("running", "queued", "stopped");

    private final Map<String, String> statusByModel;
    private final String framework;

    public SimulatedCluster(ClusterDefinition definition) {
        super(definition);
        ConfigFields fields = new ConfigFields(definition.config(), System::getenv);
        fields.rejectUnknown(KEYS);
        List<String> frameworks = definition.frameworks();
        this.framework = fields.string("framework", frameworks.isEmpty() ? null : frameworks.get(0));
        if (framework == null) {
            throw new AdaptorConfigException("config.framework",
                    "is required when the cluster lists no frameworks");
        }
        this.statusByModel = statuses(fields.object("models"));
    }

    @Override
    public GetJobsResponse getJobs() {
        // Built afresh each time: JobInfo is mutable, and a caller that edits its copy must not edit ours.
        Map<String, List<JobInfo>> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(status, new ArrayList<>()));
        statusByModel.forEach((model, status) -> byStatus.get(status).add(
                new JobInfo(model, framework, clusterName()).with("Model Status", status)));
        Map<String, Object> clusterStatus = new LinkedHashMap<>();
        clusterStatus.put("cluster", clusterName());
        clusterStatus.put("total_models", statusByModel.size());
        clusterStatus.put("live_models", byStatus.get("running").size());
        clusterStatus.put("stopped_models", byStatus.get("stopped").size());
        return GetJobsResponse.ok(Jobs.of(byStatus.get("running"), byStatus.get("queued"), byStatus.get("stopped"),
                clusterStatus));
    }

    private static Map<String, String> statuses(JsonNode models) {
        Map<String, String> statuses = new LinkedHashMap<>();
        if (models == null) {
            return statuses;
        }
        for (Map.Entry<String, JsonNode> model : models.properties()) {
            JsonNode status = model.getValue();
            if (!status.isTextual() || !STATUSES.contains(status.asText())) {
                String field = "config.models." + model.getKey();
                throw new AdaptorConfigException(field, "must be \"running\", \"queued\" or \"stopped\", found "
                        + status);
            }
            statuses.put(model.getKey(), status.asText());
        }
        return statuses;
    }
}
