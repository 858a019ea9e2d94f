package io.inferencegateway.gateway.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The id and arrival time every request gets on entry; access and request logs share the id. */
public final class RequestIds {

    private static final String ID = "gateway.requestId";
    private static final String ARRIVED = "gateway.arrived";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        ctx.attribute(ID, newId());
        ctx.attribute(ARRIVED, Instant.now());
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: log ids need to be unique, not unguessable, and
     * {@link UUID#randomUUID()} serializes every request on one shared {@code SecureRandom}.
     */
    public static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
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
