package io.inferencegateway.gateway.http;

import io.inferencegateway.json.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes errors in the shape of the API family the request belongs to. */
public final class ErrorRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);
    private static final String RENDERED = "gateway.errorRendered";

    /** Whether this request's error body was already written by {@link #render}. */
    public static boolean rendered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(RENDERED));
    }

    /** Paths under this prefix speak FIRST's dialect; everything else speaks OpenAI's. */
    public static final String FIRST_PREFIX = "/resource_server";

    private ErrorRenderer() {
    }

    public static void render(Context ctx, ApiException error) {
        ctx.attribute(RENDERED, Boolean.TRUE);
        ctx.status(error.status());
        if (error.retryAfterSeconds() != null) {
            ctx.header("Retry-After", error.retryAfterSeconds());
        }
        ctx.contentType("application/json").result(Json.writeBytes(body(ctx.path(), error)));
    }

    /** An unexpected failure: logged under the request's id, which the caller also gets, answered without internals. */
    public static void renderUnexpected(Context ctx, Exception failure) {
        String requestId = RequestIds.id(ctx).toString();
        LOG.error("Unexpected failure of request {} on {} {}", requestId, ctx.method(), ctx.path(), failure);
        render(ctx, new ApiException(500, "internal_error", "Internal Server Error (request id " + requestId + ")"));
    }

    static Map<String, Object> body(String path, ApiException error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        if (path.startsWith(FIRST_PREFIX)) {
            inner.put("code", error.firstCode());
            inner.put("message", error.getMessage());
            inner.put("info", error.info());
        } else {
            inner.put("message", error.getMessage());
            inner.put("type", openAiType(error.status()));
            inner.put("param", error.param());
            inner.put("code", error.code());
        }
        return Map.of("error", inner);
    }

    /** OpenAI's error types by status, as its SDKs map them to exception classes. */
    private static String openAiType(int status) {
        return switch (status) {
            case 400, 404, 405, 409, 413, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
