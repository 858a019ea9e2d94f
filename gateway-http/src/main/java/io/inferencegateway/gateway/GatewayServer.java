package io.inferencegateway.gateway;

import io.inferencegateway.gateway.auth.ApiKeyAuthenticator;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.auth.Authenticator;
import io.inferencegateway.gateway.auth.CompositeAuthenticator;
import io.inferencegateway.gateway.auth.globus.GlobusAuthenticator;
import io.inferencegateway.gateway.first.FirstRoutes;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.ErrorRenderer;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.registry.AdaptorRegistry;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** gateway-http: the routes of both API families on one Javalin (Jetty 12) server, on virtual threads. */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Javalin app;
    private final Authenticator authenticator;

    private GatewayServer(Javalin app, Authenticator authenticator) {
        this.app = app;
        this.authenticator = authenticator;
    }

    /**
     * Starts serving {@code registry}'s adaptors, authenticating callers with API keys from {@code database} and,
     * when {@code settings.globus()} is present, every other token with Globus Auth.
     */
    public static GatewayServer start(GatewaySettings settings, AdaptorRegistry registry, Database database) {
        Authenticator authenticator = authenticator(settings, registry, database);
        try {
            return new GatewayServer(serve(settings, registry, authenticator), authenticator);
        } catch (RuntimeException e) {
            authenticator.close();
            throw e;
        }
    }

    private static Authenticator authenticator(GatewaySettings settings, AdaptorRegistry registry,
                                               Database database) {
        Authenticator apiKeys = new ApiKeyAuthenticator(new ApiKeyRepository(database.dataSource()),
                settings.authCacheTtl(), Duration.ofSeconds(2));
        // Groups cost two extra Globus calls per new token, so they are fetched only when something needs them.
        Optional<Authenticator> globus = settings.globus()
                .map(globusSettings -> globusSettings.withGroupsNeeded(
                        globusSettings.groupsNeeded() || restrictsByGroup(registry)))
                .map(GlobusAuthenticator::new);
        globus.ifPresentOrElse(oauth -> LOG.info("Authentication: API keys and {}", oauth),
                () -> LOG.info("Authentication: API keys only (Globus Auth is not configured)"));
        return new CompositeAuthenticator(apiKeys, globus);
    }

    private static boolean restrictsByGroup(AdaptorRegistry registry) {
        return registry.clusters().stream().anyMatch(cluster -> !cluster.allowedGlobusGroups().isEmpty())
                || registry.endpoints().stream().anyMatch(endpoint -> !endpoint.allowedGlobusGroups().isEmpty());
    }

    private static Javalin serve(GatewaySettings settings, AdaptorRegistry registry, Authenticator authenticator) {
        AuthenticationFilter auth = new AuthenticationFilter(authenticator);
        FirstRoutes first = new FirstRoutes(registry, auth);

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            config.jetty.modifyServer(server -> {
                for (var connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector serverConnector) {
                        // Jetty's default backlog of 50 refuses connections under bursts of new clients.
                        serverConnector.setAcceptQueueSize(4096);
                    }
                }
            });
            first.register(config.routes);
            config.routes.exception(ApiException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> ErrorRenderer.renderUnexpected(ctx, e));
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (ctx.result() == null) {
                    ErrorRenderer.render(ctx, ApiException.notFound("not_found",
                            "No route for " + ctx.method() + " " + ctx.path() + "."));
                }
            });
            config.routes.error(HttpStatus.METHOD_NOT_ALLOWED.getCode(), ctx -> ErrorRenderer.render(ctx,
                    new ApiException(405, "method_not_allowed", "Method " + ctx.method() + " is not allowed on "
                            + ctx.path() + ".")));
        });
        app.start(settings.host(), settings.port());
        return app;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            authenticator.close();
        }
    }
}
