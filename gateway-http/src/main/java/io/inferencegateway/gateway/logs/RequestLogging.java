package io.inferencegateway.gateway.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.RequestIds;
import io.inferencegateway.gateway.inference.CompletedInference;
import io.inferencegateway.gateway.streaming.StreamingRoutes;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * Turns requests into log rows: one access row per HTTP request, one request row per inference. Rows go to the
 * {@link LogWriter}'s buffer; nothing here waits for the database.
 */
public final class RequestLogging {

    private final LogWriter writer;
    private final boolean keepText;

    /** @param keepText whether prompts and results are stored at all; when not, they are not even serialized */
    public RequestLogging(LogWriter writer, boolean keepText) {
        this.writer = writer;
        this.keepText = keepText;
    }

    /** Runs after every request, whatever its outcome. */
    public void afterRequest(Context ctx) {
        if (ctx.path().startsWith(StreamingRoutes.PREFIX)) {
            return; // a streamed answer's chunks, dozens per request: FIRST leaves them out of the access log too
        }
        User user = AuthenticationFilter.user(ctx);
        int status = ctx.statusCode();
        writer.offer(new AccessLogEntry(RequestIds.id(ctx), user == null ? null : user.id(), RequestIds.arrived(ctx),
                Instant.now(), ctx.path(), ctx.method().name(), originIp(ctx), status,
                status >= 400 ? ctx.result() : null));
    }

    /** Receives each finished inference from the inference service. */
    public void inferenceFinished(CompletedInference done) {
        boolean counted = done.usage().isKnown();
        writer.offer(new RequestLogEntry(done.requestId(), done.accessLogId(), done.user().id(),
                done.target().cluster().clusterName(), done.target().endpoint().framework(),
                done.request().path("model").asText(done.target().endpoint().model()), done.openaiEndpoint(),
                done.streaming(), done.status(), done.taskId(), done.started(), done.finished(),
                done.timeToFirstTokenMs(), counted ? done.usage().promptTokens() : null,
                counted ? done.usage().completionTokens() : null, counted ? done.usage().totalTokens() : null,
                keepText ? prompt(done.request()) : null, keepText ? done.result() : null));
    }

    /** FIRST's prompt column: the messages, prompt or input, as JSON. */
    private static String prompt(JsonNode request) {
        for (String field : new String[] {"messages", "prompt", "input"}) {
            if (request.has(field)) {
                return request.get(field).toString();
            }
        }
        return null;
    }

    private static String originIp(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return ctx.req().getRemoteAddr();
    }
}
