package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.gateway.http.RequestIds;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access and request rows are written off the hot path; a PostgreSQL outage delays them and fails nothing. */
class RequestLogsTest {

    private static final String CHAT = "{\"model\":\"model-a\",\"max_tokens\":4,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"log me\"}]}";

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void oneAccessRowPerRequestAndOneRequestRowPerInference() throws Exception {
        assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/resource_server/list-endpoints", null).statusCode()).isEqualTo(401);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM request_logs WHERE prompt LIKE '%log me%' AND total_tokens > 0") == 1);
        assertThat(count("SELECT count(*) FROM access_logs a JOIN request_logs r ON r.access_log_id = a.id "
                + "WHERE a.api_route = '/v1/chat/completions' AND a.status_code = 200 AND r.completion_tokens = 4 "
                + "AND r.cluster = 'open' AND r.framework = 'vllm' AND r.user_id = 'dev'")).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM access_logs "
                + "WHERE api_route = '/resource_server/list-endpoints' AND status_code = 401 AND user_id IS NULL") == 1);
    }

    @Test
    void theRequestIdAClientIsGivenFindsItsRows() throws Exception {
        HttpResponse<String> answer = gateway.post("/v1/chat/completions", CHAT.replace("log me", "find me"));
        HttpResponse<String> refusal = gateway.get("/resource_server/whoami", "Bearer igw-not-a-key");
        assertThat(refusal.statusCode()).isEqualTo(401);
        String answered = answer.headers().firstValue(RequestIds.HEADER).orElseThrow();
        String refused = refusal.headers().firstValue(RequestIds.HEADER).orElseThrow();
        assertThat(answered).isNotEqualTo(refused);

        countEventually("SELECT count(*) FROM request_logs r JOIN access_logs a ON a.id = r.access_log_id "
                + "WHERE a.id = '" + answered + "' AND r.prompt LIKE '%find me%' AND a.status_code = 200", 1);
        countEventually("SELECT count(*) FROM access_logs WHERE id = '" + refused + "' AND status_code = 401 "
                + "AND api_route = '/resource_server/whoami'", 1);
    }

    @Test
    void inferenceIsServedWhilePostgresIsDownAndItsRowsArriveLater() throws Exception {
        EmbeddedPostgres postgres = TestServers.embeddedPostgres().orElseThrow(() ->
                new IllegalStateException("this test stops PostgreSQL: it needs the embedded one"));
        // Warm the key cache, as traffic does, then take the database away.
        assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        long before = countEventually("SELECT count(*) FROM request_logs", 1);
        postgres.stop();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            }
            assertThat(gateway.get("/resource_server/ready", null).statusCode()).isEqualTo(503);
        } finally {
            postgres.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM request_logs") >= before + 5);
        assertThat(gateway.get("/resource_server/ready", null).statusCode()).isEqualTo(200);
    }

    private static long countEventually(String sql, long atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(sql) >= atLeast);
        return count(sql);
    }

    private static long count(String sql) {
        try (Connection connection = DriverManager.getConnection(gateway.database.jdbcUrl(),
                gateway.database.username(), gateway.database.password());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
