package io.inferencegateway.gateway.http;

import io.inferencegateway.json.Json;
import io.javalin.http.Context;

/** Writes JSON bodies with the one shared mapper. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void ok(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.writeBytes(body));
    }

    /** A body that is already JSON text (e.g. a backend's answer), passed through unchanged. */
    public static void raw(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json);
    }
}
