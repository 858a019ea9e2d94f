package io.inferencegateway.gateway.first;

import io.inferencegateway.access.Permission;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.inference.FederatedRouter;
import io.inferencegateway.gateway.inference.InferenceHandlers;
import io.inferencegateway.gateway.inference.JobsCache;
import io.inferencegateway.gateway.inference.Maintenance;
import io.inferencegateway.gateway.inference.TargetResolver;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.gateway.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FIRST's routes under {@code /resource_server}, each a short handler: parse, check, call, write. */
public final class FirstRoutes implements Routes {

    /** FIRST's {@code /status} asks as a user with no groups and no domain: only open clusters are shown. */
    private static final User PUBLIC = new User("public-status-check", "", "", List.of(), "", "", "", "");

    private final AdaptorRegistry registry;
    private final AuthenticationFilter auth;
    private final TargetResolver resolver;
    private final Maintenance maintenance;
    private final JobsCache jobs;
    private final InferenceHandlers inference;
    private final Handler readiness;

    /** {@code readiness} answers {@code /resource_server/ready}: the process's own check of PostgreSQL and Kafka. */
    public FirstRoutes(AdaptorRegistry registry, AuthenticationFilter auth, TargetResolver resolver,
                       Maintenance maintenance, JobsCache jobs, InferenceHandlers inference, Handler readiness) {
        this.registry = registry;
        this.auth = auth;
        this.resolver = resolver;
        this.maintenance = maintenance;
        this.jobs = jobs;
        this.inference = inference;
        this.readiness = readiness;
    }

    @Override
    public void register(RoutesConfig routes) {
        // Liveness only: answers while the process runs, whatever the state of PostgreSQL and Kafka.
        routes.get("/resource_server/health", ctx -> JsonResponses.ok(ctx, Map.of("status", "ok")));
        routes.get("/resource_server/ready", readiness);
        routes.get("/resource_server/status", this::status);
        routes.get("/resource_server/whoami", auth.require(ctx -> JsonResponses.ok(ctx, whoami(AuthenticationFilter.user(ctx)))));
        routes.get("/resource_server/list-endpoints", auth.require(ctx ->
                JsonResponses.ok(ctx, EndpointListing.forUser(registry, AuthenticationFilter.user(ctx)))));
        routes.get("/resource_server/{cluster}/jobs", auth.require(this::jobs));
        // Lets an OpenAI SDK whose base URL is a FIRST cluster and framework list that pair's models.
        routes.get("/resource_server/{cluster}/{framework}/v1/models", auth.require(this::models));
        for (InferenceRoute route : InferenceRoute.values()) {
            routes.post("/resource_server/{cluster}/{framework}/v1/" + route.openaiEndpoint(),
                    auth.require(inference.first(route)));
        }
        // FIRST's user guide also shows federated routes that name only the model: chosen as /v1 chooses.
        for (InferenceRoute route : FederatedRouter.ROUTES) {
            routes.post("/resource_server/v1/" + route.openaiEndpoint(), auth.require(inference.openAi(route)));
        }
    }

    private void status(Context ctx) {
        Map<String, Boolean> up = new LinkedHashMap<>();
        for (BaseCluster cluster : registry.clusters()) {
            if (Permission.permits(cluster.allowedGlobusGroups(), cluster.allowedDomains(), PUBLIC)) {
                up.put(cluster.clusterName(), maintenance.notice(cluster.clusterName()).isEmpty());
            }
        }
        JsonResponses.ok(ctx, up);
    }

    private void jobs(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        BaseCluster cluster = resolver.cluster(ctx.pathParam("cluster"));
        TargetResolver.checkPermission(cluster, user);
        if (maintenance.notice(cluster.clusterName()).isPresent()) {
            JsonResponses.ok(ctx, JobsView.underMaintenance(registry, cluster, user));
            return;
        }
        GetJobsResponse response = jobs.jobs(cluster);
        if (response.isError()) {
            int status = response.errorCode() >= 400 && response.errorCode() <= 599 ? response.errorCode() : 502;
            throw new ApiException(status, "failed_to_get_cluster_jobs", response.errorMessage());
        }
        JsonResponses.ok(ctx, JobsView.forUser(registry, cluster, response.jobs(), user));
    }

    private void models(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        BaseCluster cluster = resolver.cluster(ctx.pathParam("cluster"));
        TargetResolver.checkPermission(cluster, user);
        String framework = ctx.pathParam("framework");
        List<Map<String, Object>> models = registry.endpoints(cluster.clusterName()).stream()
                .filter(endpoint -> endpoint.framework().equals(framework))
                .filter(endpoint -> TargetResolver.denial(endpoint, user).isEmpty())
                .map(endpoint -> Map.<String, Object>of("id", endpoint.model(), "object", "model", "created", 0,
                        "owned_by", cluster.clusterName()))
                .toList();
        JsonResponses.ok(ctx, Map.of("object", "list", "data", models));
    }

    private static Map<String, Object> whoami(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("name", user.name());
        body.put("username", user.username());
        body.put("user_group_uuids", user.groups());
        body.put("idp_id", user.idpId());
        body.put("idp_name", user.idpName());
        body.put("auth_service", user.authService());
        return body;
    }
}
