package io.inferencegateway.simulated;

import io.inferencegateway.adaptors.simulated.SimulatedModel;
import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * A standalone OpenAI-compatible HTTP server over the {@link SimulatedModel}, for demos, tests and benchmarks:
 * {@code /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}, {@code /v1/models} and
 * {@code /health}, and vLLM's metrics on {@code /metrics}. It accepts any model name; {@code /v1/models} lists the
 * names it was started with. All names share one model, hence one set of slots and queue (see
 * {@link io.inferencegateway.adaptors.simulated.CapacitySettings}).
 */
public final class SimulatedBackendServer implements AutoCloseable {

    /** What {@code /v1/models} lists when no names are given. */
    public static final List<String> DEFAULT_MODELS = List.of("simulated");

    private static final long MAX_REQUEST_BYTES = 32L * 1024 * 1024;

    private final Javalin app;
    private final SimulatedRoutes routes;
    private final String host;

    private SimulatedBackendServer(Javalin app, SimulatedRoutes routes, String host) {
        this.app = app;
        this.routes = routes;
        this.host = host;
    }

    /** Starts a server listening on {@code host}; port 0 picks a free port (see {@link #port()}). */
    public static SimulatedBackendServer start(String host, int port, SimulatedSettings settings) {
        return start(host, port, settings, DEFAULT_MODELS);
    }

    /** Starts a server whose {@code /v1/models} lists {@code models}. */
    public static SimulatedBackendServer start(String host, int port, SimulatedSettings settings, List<String> models) {
        // One model behind every name, as vLLM's --served-model-name: its metrics carry the first name.
        SimulatedMetrics metrics = new SimulatedMetrics(models.isEmpty() ? DEFAULT_MODELS.getFirst()
                : models.getFirst());
        SimulatedModel model = new SimulatedModel(settings, 0L, Clock.systemUTC(), metrics);
        metrics.watch(model.capacity());
        SimulatedRoutes routes = new SimulatedRoutes(model, List.copyOf(models));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            // Bodies are small and often streamed: compression would cost CPU per request and buffer SSE.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // Long-context benchmarks send prompts well past Javalin's 1 MB default.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.routes.error(404, "*", routes::notFound);
            config.routes.post("/v1/chat/completions", ctx -> routes.openai(ctx, "chat/completions"));
            config.routes.post("/v1/completions", ctx -> routes.openai(ctx, "completions"));
            config.routes.post("/v1/embeddings", ctx -> routes.openai(ctx, "embeddings"));
            config.routes.get("/v1/models", routes::models);
            config.routes.get("/health", routes::health);
            config.routes.get("/metrics", metrics::scrape);
        });
        app.start(host, port);
        return new SimulatedBackendServer(app, routes, host);
    }

    /** The port the server listens on (the real one when started with port 0). */
    public int port() {
        return app.port();
    }

    public String host() {
        return host;
    }

    /** The OpenAI base URL clients use, e.g. {@code http://127.0.0.1:8000/v1}. */
    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1";
    }

    /** Stops listening and ends open streams. */
    @Override
    public void close() {
        routes.close();
        app.stop();
    }

    /** Runs the server from the command line; see {@code --help}. */
    public static void main(String[] args) {
        int exit = new CommandLine(new SimulatedBackendCommand()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
