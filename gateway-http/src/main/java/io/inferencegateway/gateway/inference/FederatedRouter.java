package io.inferencegateway.gateway.inference;

import io.inferencegateway.access.Permission;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.registry.EndpointSlug;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.text.Excerpt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses endpoints for OpenAI's routes, where the request names only a model: every cluster the caller may use
 * that serves it, best first — the model running there, then queued, then any cluster that answers, then the
 * rest. The caller tries them in order and moves on when one cannot be reached.
 */
public final class FederatedRouter {

    /** The routes served by model name alone: {@code /v1/...} and FIRST's {@code /resource_server/v1/...}. */
    public static final List<InferenceRoute> ROUTES = List.of(InferenceRoute.CHAT_COMPLETIONS,
            InferenceRoute.COMPLETIONS, InferenceRoute.EMBEDDINGS);

    private final AdaptorRegistry registry;
    private final JobsCache jobs;
    private final Maintenance maintenance;

    public FederatedRouter(AdaptorRegistry registry, JobsCache jobs, Maintenance maintenance) {
        this.registry = registry;
        this.jobs = jobs;
        this.maintenance = maintenance;
    }

    public List<Target> candidates(User user, InferenceRoute route, String model) {
        List<Target> serving = new ArrayList<>();
        boolean exists = false;
        boolean underMaintenance = false;
        String refusal = null;
        for (BaseCluster cluster : registry.clusters()) {
            for (BaseEndpoint endpoint : registry.endpoints(cluster.clusterName())) {
                if (!EndpointSlug.normalizeModel(endpoint.model()).equals(EndpointSlug.normalizeModel(model))
                        || !cluster.openaiEndpoints().contains(route.openaiEndpoint())) {
                    continue;
                }
                Optional<String> denial = Permission.denial(cluster.allowedGlobusGroups(), cluster.allowedDomains(),
                        user).or(() -> TargetResolver.denial(endpoint, user));
                if (denial.isPresent()) {
                    refusal = refusal == null ? denial.get() : refusal;
                    continue;
                }
                exists = true;
                if (maintenance.notice(cluster.clusterName()).isPresent()) {
                    underMaintenance = true;
                    continue;
                }
                serving.add(new Target(cluster, endpoint));
            }
        }
        if (serving.isEmpty()) {
            if (underMaintenance) {
                throw new ApiException(503, "cluster_under_maintenance", "Every cluster serving '"
                        + Excerpt.of(model) + "' is under maintenance; try again later.");
            }
            if (!exists && refusal != null) {
                // One rule on both API families: a model the caller may not use is refused with the reason.
                throw ApiException.forbidden(refusal);
            }
            throw new ApiException(404, "model_not_found", "The model '" + Excerpt.of(model) + "' does not exist or "
                    + "you do not have access to it" + (exists ? "." : " on /v1/" + route.openaiEndpoint() + "."), "model", null);
        }
        if (serving.size() > 1) {
            serving.sort(Comparator.comparingInt(target -> rank(target)));
        }
        return serving;
    }

    /** 0 running, 1 queued, 2 the cluster answers but lists the model otherwise, 3 the cluster does not answer. */
    private int rank(Target target) {
        GetJobsResponse response = jobs.jobs(target.cluster());
        if (response.isError() || response.jobs() == null) {
            return 3;
        }
        return switch (response.jobs().statusOf(target.endpoint().model()).orElse("")) {
            case "running" -> 0;
            case "queued" -> 1;
            default -> 2;
        };
    }
}
