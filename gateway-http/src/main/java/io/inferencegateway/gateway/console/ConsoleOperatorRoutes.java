package io.inferencegateway.gateway.console;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.http.QueryParams;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.gateway.metrics.GatewayMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's JSON under {@code /console/api/ops/}, refused with 403 to anyone outside the admin group
 * ({@link ConsoleSettings}): the system now ({@link OperatorOverview}), the lines backlog over time, this replica's
 * requests per route, and API keys (list, create, revoke).
 */
public final class ConsoleOperatorRoutes implements Routes {

    static final int MAX_BACKLOG_MINUTES = 24 * 60;

    private final AuthenticationFilter auth;
    private final ConsoleSettings settings;
    private final OperatorOverview overview;
    private final UsageSeries series;
    private final GatewayMetrics metrics;
    private final KeyAdministration keys;

    public ConsoleOperatorRoutes(AuthenticationFilter auth, ConsoleSettings settings, OperatorOverview overview,
                                 UsageSeries series, GatewayMetrics metrics, KeyAdministration keys) {
        this.auth = auth;
        this.settings = settings;
        this.overview = overview;
        this.series = series;
        this.metrics = metrics;
        this.keys = keys;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/console/api/ops/overview", operator(ctx -> JsonResponses.ok(ctx, overview.now())));
        routes.get("/console/api/ops/backlog", operator(this::backlog));
        routes.get("/console/api/ops/routes", operator(ctx -> JsonResponses.ok(ctx, Map.of(
                "at", System.currentTimeMillis(), "routes", metrics.routeStats()))));
        routes.get("/console/api/ops/keys", operator(keys::list));
        routes.post("/console/api/ops/keys", operator(keys::create));
        routes.post("/console/api/ops/keys/{key_id}/revoke", operator(keys::revoke));
    }

    private Handler operator(Handler next) {
        return auth.require(ctx -> {
            User user = AuthenticationFilter.user(ctx);
            if (!settings.isOperator(user)) {
                throw ApiException.forbidden("The operator's console is for members of the group '"
                        + settings.adminGroup() + "' (" + ConsoleSettings.ADMIN_GROUP + ").");
            }
            next.handle(ctx);
        });
    }

    private void backlog(Context ctx) {
        int minutes = QueryParams.wholeNumber("minutes", ctx.queryParam("minutes"), 60, 5, MAX_BACKLOG_MINUTES);
        Duration step = Duration.ofSeconds(Math.max(10, minutes * 60L / 60));
        UsageSeries.Series backlog = series.backlog(Duration.ofMinutes(minutes), step, Instant.now());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step_seconds", step.toSeconds());
        body.put("times", backlog.times());
        body.put("lines", backlog.series().get("lines"));
        JsonResponses.ok(ctx, body);
    }
}
