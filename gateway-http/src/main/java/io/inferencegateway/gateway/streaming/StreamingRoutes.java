package io.inferencegateway.gateway.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.json.Json;
import io.inferencegateway.gateway.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FIRST's internal streaming routes, {@code POST /resource_server/api/streaming/{data,error,done}/}, where the
 * remote function posts a streamed answer's chunks. No API key: each call proves itself with the internal secret
 * shared with the compute nodes and the per-stream token, checked in FIRST's order (size, secret, token present,
 * JSON, task id format, token), both compared in constant time.
 */
public final class StreamingRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingRoutes.class);

    public static final String PREFIX = "/resource_server/api/streaming/";

    /** FIRST's limits: data posts carry up to 20 SSE lines, control posts a short message. */
    static final int MAX_DATA_BYTES = 150_000;
    static final int MAX_CONTROL_BYTES = 15_000;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final CallbackRelay relay;
    private final byte[] secret;

    /**
     * @param secret the internal secret ({@code GATEWAY_GLOBUS_COMPUTE_STREAMING_SECRET}); empty refuses every
     *               callback rather than trusting a default
     */
    public StreamingRoutes(CallbackRelay relay, Optional<String> secret) {
        this.relay = relay;
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (this.secret == null) {
            LOG.warn("GATEWAY_GLOBUS_COMPUTE_STREAMING_SECRET is not set: streaming callbacks will be refused");
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PREFIX + "data", ctx -> handle(ctx, MAX_DATA_BYTES, this::data));
        routes.post(PREFIX + "error", ctx -> handle(ctx, MAX_CONTROL_BYTES, this::error));
        routes.post(PREFIX + "done", ctx -> handle(ctx, MAX_CONTROL_BYTES, this::done));
    }

    private interface Action {
        void apply(Context ctx, CallbackChannel channel, JsonNode body);
    }

    private void handle(Context ctx, int maxBytes, Action action) {
        try {
            if (ctx.contentLength() > maxBytes) {
                // The body stays unread, so the connection cannot carry another request: say so, or a client
                // that reuses it gets an empty answer to its next one.
                ctx.header("Connection", "close");
                reply(ctx, 413, "Request too large");
                return;
            }
            byte[] raw = ctx.bodyAsBytes();
            if (raw.length > maxBytes) {
                reply(ctx, 413, "Request too large");
                return;
            }
            JsonNode body = parse(raw);
            if (secret == null || !constantTimeEquals(secret, ctx.header("X-Internal-Secret"))) {
                refuse(ctx, body, 401, "Unauthorized: Invalid internal secret");
                return;
            }
            String token = ctx.header("X-Stream-Task-Token");
            if (token == null || token.isEmpty()) {
                refuse(ctx, body, 401, "Unauthorized: Missing task token");
                return;
            }
            if (body == null) {
                reply(ctx, 400, "Invalid JSON");
                return;
            }
            String taskId = body.path("task_id").asText("");
            if (taskId.isEmpty()) {
                reply(ctx, 400, "Missing task_id");
                return;
            }
            if (!UUID.matcher(taskId).matches()) {
                reply(ctx, 403, "Invalid task_id format");
                return;
            }
            Optional<CallbackChannel> channel = relay.channel(taskId);
            if (channel.isEmpty() || !constantTimeEquals(channel.get().token().getBytes(StandardCharsets.UTF_8), token)) {
                refuse(ctx, body, 403, "Invalid task authentication token");
                return;
            }
            action.apply(ctx, channel.get(), body);
        } catch (RuntimeException e) {
            LOG.error("Streaming callback {} failed", ctx.path(), e);
            reply(ctx, 500, "Internal server error");
        }
    }

    private void data(Context ctx, CallbackChannel channel, JsonNode body) {
        if (!body.hasNonNull("data")) {
            reply(ctx, 400, "Missing data");
            return;
        }
        channel.data(body.get("data").asText());
        JsonResponses.raw(ctx, 200, "{\"status\":\"received\"}");
    }

    private void error(Context ctx, CallbackChannel channel, JsonNode body) {
        if (!body.hasNonNull("error")) {
            reply(ctx, 400, "Missing error");
            return;
        }
        channel.error(body.get("error").isTextual() ? body.get("error").asText() : body.get("error").toString());
        ok(ctx, channel);
    }

    private void done(Context ctx, CallbackChannel channel, JsonNode body) {
        channel.done();
        ok(ctx, channel);
    }

    private static void ok(Context ctx, CallbackChannel channel) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("status", "ok");
        answer.put("task_id", channel.taskId());
        JsonResponses.raw(ctx, 200, Json.write(answer));
    }

    /**
     * A 401 or 403 for a stream this replica holds also ends that stream at once with an authentication error,
     * as FIRST's auth-failure flag does, instead of leaving the client to wait for the timeout.
     */
    private void refuse(Context ctx, JsonNode body, int status, String message) {
        String taskId = body == null ? "" : body.path("task_id").asText("");
        if (!taskId.isEmpty()) {
            relay.channel(taskId).ifPresent(CallbackChannel::authenticationFailed);
        }
        reply(ctx, status, message);
    }

    private static void reply(Context ctx, int status, String error) {
        JsonResponses.raw(ctx, status, Json.write(Map.of("error", error)));
    }

    private static JsonNode parse(byte[] raw) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean constantTimeEquals(byte[] expected, String given) {
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }
}
