package io.inferencegateway.gateway.batches;

import io.inferencegateway.gateway.http.Routes;
import io.javalin.config.RoutesConfig;

/** Both API families' batch routes, registered together. */
public record BatchRoutes(OpenAiBatchRoutes openAi, FirstBatchRoutes first) implements Routes {

    @Override
    public void register(RoutesConfig routes) {
        openAi.register(routes);
        first.register(routes);
    }
}
