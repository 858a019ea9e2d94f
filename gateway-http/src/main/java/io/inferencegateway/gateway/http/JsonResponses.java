package io.inferencegateway.gateway.http;

import io.inferencegateway.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes successful JSON answers straight to the servlet's output stream, with their length. Javalin's result
 * mechanism copies every body through an input stream and an 8 KiB buffer, which showed up in profiles of the
 * inference path; errors, which are rare, still go through it (see {@link ErrorRenderer}).
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void ok(Context ctx, Object body) {
        write(ctx, ctx.statusCode(), Json.writeBytes(body));
    }

    /** A body that is already JSON text (e.g. a backend's answer), passed through unchanged. */
    public static void raw(Context ctx, int status, String json) {
        write(ctx, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Context ctx, int status, byte[] body) {
        ctx.status(status);
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(body.length);
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            // The client went away; there is nobody left to answer.
            throw new UncheckedIOException(e);
        }
    }
}
