package io.inferencegateway.gateway;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.ErrorRenderer;
import io.inferencegateway.gateway.http.GatewayConnector;
import io.inferencegateway.gateway.http.MalformedRequestErrors;
import io.inferencegateway.gateway.http.RequestIds;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.gateway.logs.RequestLogging;
import io.inferencegateway.gateway.metrics.GatewayMetrics;
import io.inferencegateway.gateway.metrics.MetricsAccess;
import io.inferencegateway.gateway.metrics.MetricsSettings;
import io.inferencegateway.text.Excerpt;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/** gateway-http's HTTP server: both API families' routes on one Javalin (Jetty 12) server, on virtual threads. */
public final class GatewayServer implements AutoCloseable {

    private final Javalin app;
    private final List<String> routes;

    private GatewayServer(Javalin app, List<String> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
    }

    /**
     * Serves {@code routes} (each API family's, in order), logging and measuring every request, and
     * {@code /metrics} too unless it has a port of its own.
     */
    public static GatewayServer start(GatewaySettings settings, List<Routes> routes, RequestLogging logging,
                                      GatewayMetrics metrics, MetricsSettings metricsSettings) {
        List<String> registered = new ArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.events.handlerAdded(handler -> {
                if (handler.getHttpMethod().isHttpMethod()) {
                    registered.add(handler.getHttpMethod().name() + " " + handler.getPath());
                }
            });
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            // Compression would hold back SSE events until a buffer fills; answers are small JSON anyway.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.modifyServer(server -> server.setErrorHandler(new MalformedRequestErrors()));
            config.jetty.addConnector((server, http) -> GatewayConnector.create(server, http, settings.host(),
                    settings.port(), settings.readDeadlines()));
            config.routes.before(RequestIds::assign);
            config.routes.after(ctx -> {
                logging.afterRequest(ctx);
                metrics.afterRequest(ctx);
            });
            if (!metricsSettings.separatePort()) {
                config.routes.get("/metrics", MetricsAccess.scrape(metrics, metricsSettings.token()));
            }
            routes.forEach(group -> group.register(config.routes));
            config.routes.exception(ApiException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> ErrorRenderer.renderUnexpected(ctx, e));
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (!ErrorRenderer.rendered(ctx)) {
                    ErrorRenderer.render(ctx, ApiException.notFound("not_found",
                            "No route for " + Excerpt.of(ctx.method().name()) + " " + Excerpt.of(ctx.path()) + "."));
                }
            });
            config.routes.error(HttpStatus.METHOD_NOT_ALLOWED.getCode(), ctx -> ErrorRenderer.render(ctx,
                    new ApiException(405, "method_not_allowed", "Method " + Excerpt.of(ctx.method().name())
                            + " is not allowed on " + Excerpt.of(ctx.path()) + ".")));
            // A body that stalls past the idle deadline: Jetty fails the read, Javalin answers 408.
            config.routes.error(HttpStatus.REQUEST_TIMEOUT.getCode(), ctx -> {
                if (!ErrorRenderer.rendered(ctx)) {
                    ErrorRenderer.render(ctx, new ApiException(408, "request_timeout", "The request body stopped "
                            + "arriving: nothing came for " + settings.readDeadlines().idleBody().toSeconds()
                            + " s."));
                }
            });
            // Only for the framework's own 413; a route's 413 (an upload over the file limit) keeps its message.
            config.routes.error(HttpStatus.CONTENT_TOO_LARGE.getCode(), ctx -> {
                if (!ErrorRenderer.rendered(ctx)) {
                    ErrorRenderer.render(ctx, new ApiException(413, "request_too_large", "The request body is "
                            + "larger than the " + settings.maxRequestBytes() + " bytes this gateway accepts."));
                }
            });
        });
        app.start();
        return new GatewayServer(app, registered);
    }

    public int port() {
        return app.port();
    }

    /** Every route served, as {@code METHOD path} with Javalin's path syntax: what the API descriptions cover. */
    public List<String> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }
}
