package io.inferencegateway.gateway.first;

import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.registry.AdaptorRegistry;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** FIRST's routes under {@code /resource_server}, each a short handler: parse, check, call, write. */
public final class FirstRoutes {

    private final AdaptorRegistry registry;
    private final AuthenticationFilter auth;

    public FirstRoutes(AdaptorRegistry registry, AuthenticationFilter auth) {
        this.registry = registry;
        this.auth = auth;
    }

    public void register(RoutesConfig routes) {
        // Liveness only: answers while the process runs, whatever the state of PostgreSQL and Kafka.
        routes.get("/resource_server/health", ctx -> JsonResponses.ok(ctx, Map.of("status", "ok")));
        routes.get("/resource_server/list-endpoints", auth.require(ctx ->
                JsonResponses.ok(ctx, EndpointListing.forUser(registry, AuthenticationFilter.user(ctx)))));
    }
}
