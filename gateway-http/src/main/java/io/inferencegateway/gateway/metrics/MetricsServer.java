package io.inferencegateway.gateway.metrics;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.ErrorRenderer;
import io.inferencegateway.gateway.http.GatewayConnector;
import io.inferencegateway.gateway.http.MalformedRequestErrors;
import io.inferencegateway.gateway.http.ReadDeadlines;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on a port of its own ({@code GATEWAY_METRICS_PORT}), so that Prometheus can scrape a port the
 * API's clients never reach; nothing else is served there.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final Javalin app;

    private MetricsServer(Javalin app) {
        this.app = app;
    }

    public static MetricsServer start(MetricsSettings settings, GatewayMetrics metrics) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new MalformedRequestErrors()));
            config.jetty.addConnector((server, http) -> GatewayConnector.create(server, http, settings.host(),
                    settings.port().orElseThrow(), ReadDeadlines.DEFAULT));
            config.routes.get("/metrics", MetricsAccess.scrape(metrics, settings.token()));
            config.routes.exception(ApiException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (!ErrorRenderer.rendered(ctx)) {
                    ErrorRenderer.render(ctx, ApiException.notFound("not_found", "Only GET /metrics is served here."));
                }
            });
        });
        app.start();
        LOG.info("Metrics on http://{}:{}/metrics{}", settings.host(), app.port(),
                settings.token().isPresent() ? " (Bearer token required)" : "");
        return new MetricsServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
