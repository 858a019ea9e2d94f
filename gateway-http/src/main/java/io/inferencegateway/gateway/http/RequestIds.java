package io.inferencegateway.gateway.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id and arrival time every request gets on entry. The id is the access log row's id (request rows point to it)
 * and goes back to the client as {@code x-request-id}, the header OpenAI's SDKs show with every answer and error,
 * so a user can quote it and an operator can find the request.
 */
public final class RequestIds {

    public static final String HEADER = "x-request-id";

    private static final String ID = "gateway.requestId";
    private static final String ARRIVED = "gateway.arrived";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        UUID id = newId();
        ctx.attribute(ID, id);
        ctx.attribute(ARRIVED, Instant.now());
        ctx.header(HEADER, id.toString());
    }

    /**
     * A time-ordered (version 7, RFC 9562) UUID: the Unix time in milliseconds, then 74 random bits from
     * {@link ThreadLocalRandom}. Log rows' primary-key indexes then grow at their right edge instead of touching a
     * random page per insert, and ids sort by arrival. They need to be unique, not unguessable, and
     * {@link UUID#randomUUID()} would serialize every request on one shared {@code SecureRandom}.
     */
    public static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
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
