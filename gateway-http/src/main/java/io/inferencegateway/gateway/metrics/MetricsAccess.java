package io.inferencegateway.gateway.metrics;

import io.inferencegateway.gateway.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** {@code GET /metrics}, behind {@code GATEWAY_METRICS_TOKEN} when one is set. */
public final class MetricsAccess {

    private MetricsAccess() {
    }

    public static Handler scrape(GatewayMetrics metrics, Optional<String> token) {
        if (token.isEmpty()) {
            return metrics::scrape;
        }
        byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
        return ctx -> {
            if (!presents(ctx, expected)) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
                throw ApiException.unauthorized("Metrics need 'Authorization: Bearer <GATEWAY_METRICS_TOKEN>'.");
            }
            metrics.scrape(ctx);
        };
    }

    /** Compared in constant time, so the answer's timing says nothing about how much of a guess was right. */
    private static boolean presents(Context ctx, byte[] expected) {
        String header = ctx.header("Authorization");
        return header != null && MessageDigest.isEqual(header.strip().getBytes(StandardCharsets.UTF_8), expected);
    }
}
