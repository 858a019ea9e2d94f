package io.inferencegateway.adaptors.statusurl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.Jobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a status page, {@code {"<key>": {"model", "status", "description", "model_version", ...}, ...}}, into
 * {@link Jobs}: {@code Live} is running, {@code Stopped} is stopped, any other status is queued. Only the model,
 * status, description and version are exposed; endpoint ids, URLs and other keys stay private.
 */
final class StatusPage {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

    private StatusPage() {
    }

    /** @param page a JSON object */
    static Jobs toJobs(JsonNode page, String cluster, String framework) {
        List<JobInfo> running = new ArrayList<>();
        List<JobInfo> queued = new ArrayList<>();
        List<JobInfo> stopped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : page.properties()) {
            JsonNode model = entry.getValue().path("model");
            if (!model.isTextual() || model.asText().isBlank()) {
                // One odd entry should not hide the cluster's other models.
                LOG.warn("Cluster {}: status entry \"{}\" has no model name; skipped", cluster, entry.getKey());
                continue;
            }
            String status = entry.getValue().path("status").asText("");
            JobInfo job = new JobInfo(model.asText(), framework, cluster)
                    .with("Model Status", modelStatus(status))
                    .with("Description", entry.getValue().path("description").asText(""));
            JsonNode version = entry.getValue().get("model_version");
            if (version != null && !version.isNull()) {
                job.with("Model Version", plain(version));
            }
            if (status.equalsIgnoreCase("Live")) {
                running.add(job);
            } else if (status.equalsIgnoreCase("Stopped")) {
                stopped.add(job);
            } else {
                queued.add(job);
            }
        }
        Map<String, Object> clusterStatus = new LinkedHashMap<>();
        clusterStatus.put("cluster", cluster);
        clusterStatus.put("total_models", running.size() + queued.size() + stopped.size());
        clusterStatus.put("live_models", running.size());
        clusterStatus.put("stopped_models", stopped.size());
        return Jobs.of(running, queued, stopped, clusterStatus);
    }

    private static String modelStatus(String status) {
        if (status.equalsIgnoreCase("Live")) {
            return "running";
        }
        return status.isBlank() ? "unknown" : status.toLowerCase(Locale.ROOT);
    }

    /** A JSON value as a plain Java value (number, string, boolean, map or list). */
    private static Object plain(JsonNode node) {
        try {
            return Json.MAPPER.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
