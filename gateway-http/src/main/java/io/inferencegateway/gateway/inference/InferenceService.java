package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.http.RequestIds;
import io.inferencegateway.gateway.limits.Usage;
import io.inferencegateway.gateway.limits.UsageLimits;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one inference request against its candidate endpoints: token limits, the adaptor call, failover to the
 * next candidate while nothing has reached the client, the answer (JSON or a relayed stream), and accounting.
 */
public final class InferenceService {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final UsageLimits limits;
    private final SseRelay relay;
    private final Consumer<CompletedInference> observer;
    private final InteractiveLoad load;

    public InferenceService(UsageLimits limits, SseRelay relay, Consumer<CompletedInference> observer,
                            InteractiveLoad load) {
        this.limits = limits;
        this.relay = relay;
        this.observer = observer;
        this.load = load;
    }

    /**
     * @param body         the validated request
     * @param originalBody the client's bytes of {@code body}, forwarded as they are when nothing needs changing
     */
    public void serve(Context ctx, User user, InferenceRoute route, ObjectNode body, byte[] originalBody,
                      List<Target> candidates) {
        boolean streaming = body.path("stream").asBoolean(false);
        Ids ids = new Ids(RequestIds.newId(), RequestIds.id(ctx));
        ApiException last = null;
        for (int i = 0; i < candidates.size(); i++) {
            Target target = candidates.get(i);
            boolean hasNext = i + 1 < candidates.size();
            try {
                limits.admitTokens(user, target.endpoint().definition());
                // Counted while it runs, so batch lines on the same backend make room for it.
                String endpoint = target.endpoint().endpointSlug();
                load.started(endpoint);
                try {
                    if (streaming) {
                        stream(ctx, user, route, body, originalBody, target, ids);
                    } else {
                        complete(ctx, user, route, body, originalBody, target, ids);
                    }
                } finally {
                    load.finished(endpoint);
                }
                return;
            } catch (ApiException e) {
                // Nothing has reached the client yet: an unreachable or saturated cluster gives way to the next.
                if (!hasNext || (e.status() != 429 && e.status() != 503)) {
                    throw e;
                }
                last = e;
            }
            LOG.debug("Trying the next cluster for {} after {}", target.endpoint().model(), last.getMessage());
        }
        throw last;
    }

    private void complete(Context ctx, User user, InferenceRoute route, ObjectNode body, byte[] originalBody,
                          Target target, Ids ids) {
        Instant started = Instant.now();
        SubmitTaskResponse response = call(target, () -> target.endpoint().submitTask(
                new TaskRequest(route.openaiEndpoint(), body, originalBody)));
        if (response.isError()) {
            finish(ids, user, target, route, false, response.errorCode(), response.taskId(), body,
                    response.errorMessage(), Usage.NONE, started, null);
            throw backendError(response.errorCode(), response.errorMessage(), response.taskId());
        }
        Usage usage = Usage.fromResponse(response.result());
        JsonResponses.raw(ctx, 200, response.result());
        limits.recordTokens(user, target.endpoint().definition(), usage);
        finish(ids, user, target, route, false, 200, response.taskId(), body, response.result(), usage,
                started, null);
    }

    private void stream(Context ctx, User user, InferenceRoute route, ObjectNode body, byte[] originalBody,
                        Target target, Ids ids) {
        boolean clientAskedForUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        TaskRequest request;
        if (clientAskedForUsage) {
            request = new TaskRequest(route.openaiEndpoint(), body, originalBody);
        } else {
            // Token limits need the usage; the relay hides the extra chunk from this client.
            ObjectNode upstreamBody = body.deepCopy();
            upstreamBody.withObjectProperty("stream_options").put("include_usage", true);
            request = new TaskRequest(route.openaiEndpoint(), upstreamBody);
        }
        Instant started = Instant.now();
        SubmitStreamingTaskResponse response = call(target, () ->
                target.endpoint().submitStreamingTask(request, ids.request().toString()));
        if (response.isError()) {
            finish(ids, user, target, route, true, response.errorCode(), response.taskId(), body,
                    response.errorMessage(), Usage.NONE, started, null);
            throw backendError(response.errorCode(), response.errorMessage(), response.taskId());
        }
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        StreamOutcome outcome;
        try {
            outcome = relay.relay(response.response(), new SseWriter(ctx.res().getOutputStream()), clientAskedForUsage);
        } catch (IOException e) {
            response.response().close();
            outcome = new StreamOutcome(Usage.NONE, true, null, -1);
        }
        limits.recordTokens(user, target.endpoint().definition(), outcome.usage());
        finish(ids, user, target, route, true, 200, response.taskId(), body,
                outcome.upstreamError() != null ? outcome.upstreamError() : outcome.clientGone() ? "client disconnected" : null,
                outcome.usage(), started, outcome.firstEventNanos() < 0 ? null : outcome.firstEventNanos() / 1e6);
    }

    /** The inference's own id and the id of the HTTP request that carried it. */
    private record Ids(UUID request, UUID accessLog) {
    }

    private void finish(Ids ids, User user, Target target, InferenceRoute route, boolean streaming, int status,
                        String taskId, ObjectNode body, String result, Usage usage, Instant started, Double ttftMs) {
        observer.accept(new CompletedInference(ids.request(), ids.accessLog(), user, target,
                route.openaiEndpoint(), streaming, status,
                taskId, body, result, usage, started, Instant.now(), ttftMs));
    }

    /**
     * An adaptor's failure, with its status: a 4xx stays a 4xx, a 503 lets the caller try another cluster. Under
     * FIRST's routes it is FIRST's {@code internal_endpoint_error} (FIRST's adaptors raise {@code EndpointError}
     * with the status), and a 408 FIRST's {@code request_timeout} with the task in {@code info.task_id}.
     */
    private static ApiException backendError(int status, String message, String taskId) {
        int code = status >= 400 && status <= 599 ? status : 502;
        ApiException error = new ApiException(code, code == 503 ? "endpoint_unavailable" : code == 408
                ? "request_timeout" : code < 500 ? "upstream_rejected" : code == 504 ? "upstream_timeout"
                : "upstream_error", message, null, code == 503 || code == 429 ? "1" : null);
        return code == 408 ? error.inFirstTerms("request_timeout", taskId == null ? Map.of() : Map.of("task_id", taskId))
                : error.inFirstTerms("internal_endpoint_error", Map.of());
    }

    private static <T> T call(Target target, java.util.function.Supplier<T> adaptorCall) {
        try {
            T response = adaptorCall.get();
            if (response == null) {
                throw new ApiException(502, "endpoint_error", "The adaptor of '" + target.endpoint().endpointSlug()
                        + "' returned nothing.");
            }
            return response;
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Adaptor {} failed", target.endpoint().endpointSlug(), e);
            throw new ApiException(502, "endpoint_error", "The adaptor of '" + target.endpoint().endpointSlug()
                    + "' failed: " + e.getClass().getSimpleName());
        }
    }
}
