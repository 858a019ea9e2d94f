package io.inferencegateway.gateway.openai;

import io.inferencegateway.access.Permission;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.inference.FederatedRouter;
import io.inferencegateway.gateway.inference.InferenceHandlers;
import io.inferencegateway.gateway.inference.TargetResolver;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.registry.EndpointSlug;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.text.Excerpt;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI's routes under {@code /v1}: inference by model name across clusters, and the model list. */
public final class OpenAiRoutes implements Routes {

    private final AdaptorRegistry registry;
    private final AuthenticationFilter auth;
    private final InferenceHandlers inference;

    public OpenAiRoutes(AdaptorRegistry registry, AuthenticationFilter auth, InferenceHandlers inference) {
        this.registry = registry;
        this.auth = auth;
        this.inference = inference;
    }

    @Override
    public void register(RoutesConfig routes) {
        for (InferenceRoute route : FederatedRouter.ROUTES) {
            routes.post("/v1/" + route.openaiEndpoint(), auth.require(inference.openAi(route)));
        }
        routes.get("/v1/models", auth.require(ctx -> JsonResponses.ok(ctx, Map.of("object", "list",
                "data", models(AuthenticationFilter.user(ctx)).values()))));
        // Model ids contain slashes (org/model): the path parameter takes the rest of the path.
        routes.get("/v1/models/<model>", auth.require(this::model));
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("model");
        Map<String, Object> model = models(AuthenticationFilter.user(ctx)).get(EndpointSlug.normalizeModel(id));
        if (model == null) {
            throw new ApiException(404, "model_not_found", "The model '" + Excerpt.of(id)
                    + "' does not exist or you do not have access to it.", "model", null);
        }
        JsonResponses.ok(ctx, model);
    }

    /** The models the caller may use, one entry per model name however many clusters serve it. */
    private Map<String, Map<String, Object>> models(User user) {
        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        for (BaseCluster cluster : registry.clusters()) {
            if (!Permission.permits(cluster.allowedGlobusGroups(), cluster.allowedDomains(), user)) {
                continue;
            }
            for (BaseEndpoint endpoint : registry.endpoints(cluster.clusterName())) {
                if (TargetResolver.denial(endpoint, user).isEmpty()) {
                    models.computeIfAbsent(EndpointSlug.normalizeModel(endpoint.model()), key -> Map.of(
                            "id", endpoint.model(), "object", "model", "created", 0,
                            "owned_by", cluster.clusterName()));
                }
            }
        }
        return models;
    }
}
