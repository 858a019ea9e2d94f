package io.inferencegateway.gateway.http;

import io.javalin.config.RoutesConfig;

/** One API family's (or feature's) routes, registered on the server in one place each. */
public interface Routes {

    void register(RoutesConfig routes);
}
