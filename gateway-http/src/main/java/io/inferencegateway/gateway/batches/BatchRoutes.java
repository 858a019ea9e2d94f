package io.inferencegateway.gateway.batches;

import io.javalin.config.RoutesConfig;

/** Both API families' batch routes, registered together. */
public record BatchRoutes(OpenAiBatchRoutes openAi, FirstBatchRoutes first) {

    public void register(RoutesConfig routes) {
        openAi.register(routes);
        first.register(routes);
    }
}
