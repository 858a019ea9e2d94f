package io.inferencegateway.gateway.console;

import io.inferencegateway.access.Permission;
import io.inferencegateway.access.User;
import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.http.QueryParams;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.gateway.inference.JobsCache;
import io.inferencegateway.gateway.inference.Maintenance;
import io.inferencegateway.gateway.inference.SseWriter;
import io.inferencegateway.gateway.inference.TargetResolver;
import io.inferencegateway.json.Json;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.SseEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's JSON for every signed-in user, beside the OpenAI routes its pages also call ({@code /v1/files},
 * {@code /v1/batches}): who they are, the models they may use with their clusters' status, their token usage over
 * time, and {@code GET /console/api/events}, their batches' events as Server-Sent Events. Each answer is the caller's
 * own: nothing here takes another user's id.
 */
public final class ConsoleUserRoutes implements Routes {

    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** How often a stream looks up from its queue, so it ends soon when the replica stops. */
    private static final Duration WAIT = Duration.ofSeconds(1);
    /** A stream ends after this long; the page opens a new one (so a revoked key stops streaming too). */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_USAGE_HOURS = 168;

    private final AuthenticationFilter auth;
    private final ConsoleSettings settings;
    private final AdaptorRegistry registry;
    private final JobsCache jobs;
    private final Maintenance maintenance;
    private final UsageSeries usage;
    private final BatchEventHub hub;

    public ConsoleUserRoutes(AuthenticationFilter auth, ConsoleSettings settings, AdaptorRegistry registry,
                             JobsCache jobs, Maintenance maintenance, UsageSeries usage, BatchEventHub hub) {
        this.auth = auth;
        this.settings = settings;
        this.registry = registry;
        this.jobs = jobs;
        this.maintenance = maintenance;
        this.usage = usage;
        this.hub = hub;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/console/api/me", auth.require(this::me));
        routes.get("/console/api/models", auth.require(this::models));
        routes.get("/console/api/usage", auth.require(this::usage));
        routes.get("/console/api/events", auth.require(this::events));
    }

    private void me(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("name", user.name());
        body.put("username", user.username());
        body.put("auth", user.authService());
        body.put("operator", settings.isOperator(user));
        JsonResponses.ok(ctx, body);
    }

    /** The clusters the caller may use, each with its status and the state of each model they may use on it. */
    private void models(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (BaseCluster cluster : registry.clusters()) {
            if (!Permission.permits(cluster.allowedGlobusGroups(), cluster.allowedDomains(), user)) {
                continue;
            }
            clusters.add(cluster(cluster, user));
        }
        JsonResponses.ok(ctx, Map.of("clusters", clusters));
    }

    private Map<String, Object> cluster(BaseCluster cluster, User user) {
        ModelState state = ModelState.of(cluster, jobs, maintenance);
        List<Map<String, Object>> models = new ArrayList<>();
        for (BaseEndpoint endpoint : registry.endpoints(cluster.clusterName())) {
            if (TargetResolver.denial(endpoint, user).isPresent()) {
                continue;
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", endpoint.model());
            model.put("framework", endpoint.framework());
            model.put("state", state.of(endpoint.model()));
            models.add(model);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cluster", cluster.clusterName());
        json.put("status", state.status());
        json.put("message", state.message());
        json.put("models", models);
        return json;
    }

    private void usage(Context ctx) {
        int hours = QueryParams.wholeNumber("hours", ctx.queryParam("hours"), 24, 1, MAX_USAGE_HOURS);
        Duration step = hours <= 6 ? Duration.ofMinutes(5) : hours <= 48 ? Duration.ofMinutes(30)
                : Duration.ofHours(2);
        UsageSeries.Series series = usage.tokens(AuthenticationFilter.user(ctx).id(), Duration.ofHours(hours), step,
                Instant.now());
        JsonResponses.ok(ctx, Map.of("step_seconds", step.toSeconds(), "times", series.times(), "models",
                series.series()));
    }

    /**
     * The caller's batch events as they happen: {@code ready} once subscribed (the page then reads its batches, so
     * nothing falls between), then one {@code batch} event per progress, status change or scheduler note.
     */
    private void events(Context ctx) throws IOException {
        User user = AuthenticationFilter.user(ctx);
        BatchEventHub.Subscription subscription = hub.subscribe(user.id()).orElseThrow(() -> new ApiException(429,
                "too_many_streams", "Too many console streams are open; close a console tab and retry.", null,
                "5"));
        try (subscription) {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream");
            ctx.res().setCharacterEncoding("utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            SseWriter writer = new SseWriter(ctx.res().getOutputStream());
            writer.write(new SseEvent("ready", "{}"));
            long deadline = System.nanoTime() + STREAM_LIFETIME.toNanos();
            while (System.nanoTime() < deadline && !hub.closed()) {
                Optional<BatchEvent> event = subscription.next(WAIT);
                if (event.isPresent()) {
                    writer.write(new SseEvent("batch", Json.write(event.get())));
                } else if (writer.nanosSinceLastWrite() >= HEARTBEAT.toNanos()) {
                    writer.heartbeat();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The page went away: a failed write is how that is noticed.
        }
    }
}
