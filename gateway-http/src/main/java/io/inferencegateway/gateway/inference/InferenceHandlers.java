package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.limits.UsageLimits;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.gateway.validation.RequestParser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * The two ways into inference, one implementation: FIRST's routes name the cluster and framework in the path,
 * OpenAI's name only the model and let the federated router choose. Both run, in order: request rate, body
 * validation, resolution and permissions, then the shared {@link InferenceService}.
 */
public final class InferenceHandlers {

    private final RequestParser parser;
    private final TargetResolver resolver;
    private final FederatedRouter router;
    private final UsageLimits limits;
    private final InferenceService service;

    public InferenceHandlers(RequestParser parser, TargetResolver resolver, FederatedRouter router, UsageLimits limits,
                             InferenceService service) {
        this.parser = parser;
        this.resolver = resolver;
        this.router = router;
        this.limits = limits;
        this.service = service;
    }

    /** {@code POST /resource_server/{cluster}/{framework}/v1/<route>}. */
    public Handler first(InferenceRoute route) {
        return ctx -> {
            User user = AuthenticationFilter.user(ctx);
            ObjectNode body = admitAndParse(ctx, user, route);
            Target target = resolver.resolve(user, ctx.pathParam("cluster"), ctx.pathParam("framework"), route,
                    body.path("model").asText());
            service.serve(ctx, user, route, body, ctx.bodyAsBytes(), List.of(target));
        };
    }

    /** {@code POST /v1/<route>}. */
    public Handler openAi(InferenceRoute route) {
        return ctx -> {
            User user = AuthenticationFilter.user(ctx);
            ObjectNode body = admitAndParse(ctx, user, route);
            service.serve(ctx, user, route, body, ctx.bodyAsBytes(),
                    router.candidates(user, route, body.path("model").asText()));
        };
    }

    private ObjectNode admitAndParse(Context ctx, User user, InferenceRoute route) {
        limits.admitRequest(user);
        return parser.parse(route, ctx.header("Content-Type"), ctx.bodyAsBytes());
    }
}
