package io.inferencegateway.gateway.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.UUID;

/** The id and arrival time every request gets on entry; access and request logs share the id. */
public final class RequestIds {

    private static final String ID = "gateway.requestId";
    private static final String ARRIVED = "gateway.arrived";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        ctx.attribute(ID, UUID.randomUUID());
        ctx.attribute(ARRIVED, Instant.now());
    }

    /** The request's id; one is assigned if the request somehow skipped {@link #assign}. */
    public static UUID id(Context ctx) {
        UUID id = ctx.attribute(ID);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ID);
        }
        return id;
    }

    public static Instant arrived(Context ctx) {
        Instant arrived = ctx.attribute(ARRIVED);
        return arrived != null ? arrived : Instant.now();
    }
}
