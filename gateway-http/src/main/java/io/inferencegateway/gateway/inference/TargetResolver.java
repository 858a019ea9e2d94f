package io.inferencegateway.gateway.inference;

import io.inferencegateway.access.Permission;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.text.Excerpt;
import java.util.Optional;

/**
 * FIRST's resolution of {@code /resource_server/{cluster}/{framework}/v1/...}: the checks and their errors in
 * FIRST's order (§1.3), with permission failures as 403 and the cluster's own restrictions enforced too.
 */
public final class TargetResolver {

    private final AdaptorRegistry registry;
    private final Maintenance maintenance;

    public TargetResolver(AdaptorRegistry registry, Maintenance maintenance) {
        this.registry = registry;
        this.maintenance = maintenance;
    }

    public Target resolve(User user, String clusterName, String framework, InferenceRoute route, String model) {
        BaseCluster cluster = cluster(clusterName);
        maintenance.notice(clusterName).ifPresent(notice -> {
            throw new ApiException(503, "cluster_under_maintenance", notice);
        });
        if (!cluster.frameworks().contains(framework)) {
            throw ApiException.badRequest("unsupported_framework", "Framework '"
                    + Excerpt.of(framework) + "' is not supported by cluster '" + Excerpt.of(clusterName)
                    + "'; it supports " + cluster.frameworks() + ".",
                    null);
        }
        if (!cluster.openaiEndpoints().contains(route.openaiEndpoint())) {
            throw ApiException.badRequest("unsupported_endpoint", "Cluster '" + Excerpt.of(clusterName)
                    + "' does not serve /v1/"
                    + route.openaiEndpoint() + "; it serves " + cluster.openaiEndpoints() + ".", null);
        }
        BaseEndpoint endpoint = registry.endpoint(clusterName, framework, model).orElseThrow(() ->
                ApiException.notFound("endpoint_not_found", "The model '" + Excerpt.of(model)
                        + "' is not served by framework '" + Excerpt.of(framework) + "' on cluster '"
                        + Excerpt.of(clusterName) + "'."));
        checkPermission(cluster, user);
        denial(endpoint, user).ifPresent(reason -> {
            throw ApiException.forbidden(reason);
        });
        return new Target(cluster, endpoint);
    }

    /** The cluster by name, or FIRST's 404. */
    public BaseCluster cluster(String clusterName) {
        return registry.cluster(clusterName).orElseThrow(() -> ApiException.notFound("cluster_not_found",
                "The requested cluster '" + Excerpt.of(clusterName) + "' does not exist."));
    }

    public static void checkPermission(BaseCluster cluster, User user) {
        Permission.denial(cluster.allowedGlobusGroups(), cluster.allowedDomains(), user).ifPresent(reason -> {
            throw ApiException.forbidden(reason);
        });
    }

    public static Optional<String> denial(BaseEndpoint endpoint, User user) {
        return Permission.denial(endpoint.allowedGlobusGroups(), endpoint.allowedDomains(), user);
    }
}
