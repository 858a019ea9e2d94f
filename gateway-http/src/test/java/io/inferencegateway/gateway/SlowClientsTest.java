package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.http.ReadDeadlines;
import io.inferencegateway.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: request headers had no read deadline, and 200 slowloris connections stayed open. Over real sockets: a
 * head that is not complete within the deadline, and a body that stalls as long, end the connection, while ordinary
 * requests, slow backends and long streams go on working.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlowClientsTest {

    private static final Duration HEAD = Duration.ofSeconds(2);
    private static final Duration IDLE_BODY = Duration.ofSeconds(2);
    /** The sweep runs every 400 ms at this deadline; the trickle notices a close within 200 ms. */
    private static final Duration LATE = Duration.ofMillis(1_000);

    private static GatewayFixture gateway;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final List<SlowClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of(), "/fixtures-slow", new ReadDeadlines(HEAD, IDLE_BODY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void closeClients() throws Exception {
        pacer.shutdownNow();
        for (SlowClient client : clients) {
            client.close();
        }
    }

    @Test
    void twoHundredSlowHeadsAreClosedWithinTheDeadlineWhileOtherRequestsSucceed() throws Exception {
        // Half trickle a header that never ends, a byte every 200 ms; half send nothing at all.
        List<SlowClient> tricklers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            SlowClient client = open();
            if (i % 2 == 0) {
                client.send("GET /resource_server/health HTTP/1.1\r\nHost: gateway\r\nX-Slow: ");
                tricklers.add(client);
            }
        }
        pacer.scheduleAtFixedRate(() -> tricklers.forEach(client -> client.send("x")), 200, 200,
                TimeUnit.MILLISECONDS);

        await().atMost(HEAD.plus(LATE).plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(gateway.get("/resource_server/health", null).statusCode()).isEqualTo(200);
            return clients.stream().allMatch(SlowClient::closed);
        });
        long shortest = clients.stream().mapToLong(SlowClient::livedMillis).min().orElseThrow();
        long longest = clients.stream().mapToLong(SlowClient::livedMillis).max().orElseThrow();
        System.out.printf("200 slow heads lived %d to %d ms under a %d ms deadline%n", shortest, longest,
                HEAD.toMillis());
        assertThat(shortest).isGreaterThanOrEqualTo(HEAD.toMillis());
        assertThat(longest).isLessThanOrEqualTo(HEAD.plus(LATE).toMillis());
    }

    @Test
    void aKeptAliveConnectionRestsUntilItsNextHeadStartsAndThenHasTheSameDeadline() throws Exception {
        SlowClient client = open();
        client.send("GET /resource_server/health HTTP/1.1\r\nHost: gateway\r\n\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.received().contains("\"ok\""));

        // At rest between requests it is the idle timeout's (30 s), not the head deadline's.
        await().during(HEAD.plus(LATE)).atMost(HEAD.plus(LATE).plusSeconds(2)).until(() -> !client.closed());

        long started = System.nanoTime();
        client.send("GET /resource_server/health HTTP/1.1\r\nHost: gate");
        pacer.scheduleAtFixedRate(() -> client.send("y"), 200, 200, TimeUnit.MILLISECONDS);
        await().atMost(HEAD.plus(LATE).plusSeconds(2)).until(client::closed);
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(HEAD.toMillis() - 500,
                HEAD.plus(LATE).toMillis());
    }

    @Test
    void aBodyThatStallsIsAnswered408AndClosed() throws Exception {
        SlowClient client = open();
        client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                + GatewayFixture.DEV_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                + "{\"model\":");

        await().atMost(IDLE_BODY.plus(LATE).plusSeconds(3)).until(client::closed);
        System.out.printf("A stalled body's connection lived %d ms under a %d ms idle deadline%n",
                client.livedMillis(), IDLE_BODY.toMillis());
        assertThat(client.livedMillis()).isBetween(IDLE_BODY.toMillis(), IDLE_BODY.plus(LATE).toMillis());
        String answer = client.received();
        assertThat(answer).startsWith("HTTP/1.1 408 ");
        JsonNode error = Json.read(answer.substring(answer.indexOf("\r\n\r\n") + 4)).path("error");
        assertThat(error.path("code").asText()).as(answer).isEqualTo("request_timeout");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void slowBackendsLongStreamsAndSlowButSteadyBodiesKeepWorking() throws Exception {
        String chat = "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        // The body arrives in four pieces over three seconds, each pause shorter than the idle deadline.
        SlowClient steady = open();
        String body = chat.formatted("slow-answer", false);
        steady.send("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                + GatewayFixture.DEV_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n");
        int piece = (body.length() + 3) / 4;
        for (int i = 0; i < 4; i++) {
            String part = body.substring(i * piece, Math.min(body.length(), (i + 1) * piece));
            pacer.schedule(() -> steady.send(part), i * 1_000L, TimeUnit.MILLISECONDS);
        }

        // A backend that takes three seconds to answer, and a stream whose first token comes after three.
        assertThat(gateway.post("/v1/chat/completions", chat.formatted("slow-answer", false)).statusCode())
                .isEqualTo(200);
        try (SseClient stream = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY,
                chat.formatted("slow-stream", true))) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.remaining()).hasSizeGreaterThan(8).last().isEqualTo("[DONE]");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> steady.received().contains("chat.completion"));
        assertThat(steady.received()).startsWith("HTTP/1.1 200 ");
    }

    private SlowClient open() throws Exception {
        SlowClient client = new SlowClient(gateway.app().port());
        clients.add(client);
        return client;
    }
}
