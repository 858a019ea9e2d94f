package io.inferencegateway.gateway;

import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.kafka.KafkaSettings;
import io.javalin.http.Context;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code GET /resource_server/ready}: whether this replica can do its work, i.e. PostgreSQL and Kafka answer.
 * 200 when both do, 503 naming what does not; load balancers route on it, while {@code /health} only says the
 * process is alive.
 */
public final class Readiness implements AutoCloseable {

    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final Admin kafka;
    private final Map<String, BooleanSupplier> details = new java.util.concurrent.ConcurrentSkipListMap<>();

    public Readiness(DataSource dataSource, KafkaSettings kafkaSettings) {
        this.dataSource = dataSource;
        Map<String, Object> properties = new LinkedHashMap<>(kafkaSettings.clientProperties("gateway-readiness"));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        this.kafka = Admin.create(properties);
    }

    /** A part shown in the answer that does not decide readiness, such as the console's feed. */
    public void show(String name, BooleanSupplier up) {
        details.put(name, up);
    }

    public void handle(Context ctx) {
        String postgres = check(this::postgres);
        String kafkaState = check(this::kafka);
        boolean ready = postgres.equals("ok") && kafkaState.equals("ok");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("postgres", postgres);
        body.put("kafka", kafkaState);
        // Parts that only the console needs: shown, but they do not take the replica out of service.
        details.forEach((name, up) -> body.put(name, up.getAsBoolean() ? "ok" : "down"));
        ctx.status(ready ? 200 : 503);
        JsonResponses.ok(ctx, body);
    }

    private void postgres() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                throw new IllegalStateException("connection not valid");
            }
        }
    }

    private void kafka() throws Exception {
        kafka.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String check(Check check) {
        try {
            check.run();
            return "ok";
        } catch (Exception e) {
            return "unavailable: " + e.getClass().getSimpleName();
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
