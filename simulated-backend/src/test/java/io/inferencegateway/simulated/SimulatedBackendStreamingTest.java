package io.inferencegateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimulatedBackendStreamingTest {

    private static final String CHAT_STREAM = """
            {"model": "sim", "messages": [{"role": "user", "content": "Stream, please"}], "stream": true,
             "stream_options": {"include_usage": true}}""";

    @Test
    void streamsChunksEventByEventEndingInDone() throws Exception {
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0,
                new SimulatedSettings(0, 0, 0, 3, 0, 500, 16))) {
            HttpResponse<InputStream> response = new Http(server).postForStream("/v1/chat/completions", CHAT_STREAM);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            List<String> events = new ArrayList<>();
            try (Http.Events reader = new Http.Events(response.body())) {
                for (String data = reader.next(); data != null; data = reader.next()) {
                    events.add(data);
                }
            }
            // role + 3 tokens + finish + usage + [DONE]
            assertThat(events).hasSize(7);
            assertThat(Json.read(events.getFirst()).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            JsonNode usage = Json.read(events.get(5));
            assertThat(usage.path("choices")).isEmpty();
            assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(3);
            assertThat(events.getLast()).isEqualTo("[DONE]");
        }
    }

    /** Guards flushing after each event: the second token is not due for an hour, the first must arrive now. */
    @Test
    void eachEventIsFlushedAsSoonAsItIsDue() throws Exception {
        SimulatedSettings slow = new SimulatedSettings(0, 0, 1.0 / 3600, 2, 0, 500, 16);
        SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0, slow);
        try {
            Http http = new Http(server);
            // Unflushed bytes would hold back even the headers, so the request itself runs under the deadline.
            CompletableFuture<Http.Events> opened = CompletableFuture.supplyAsync(() -> {
                try {
                    return new Http.Events(http.postForStream("/v1/chat/completions", CHAT_STREAM).body());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<List<String>> firstTwo = opened.thenApply(reader -> {
                try {
                    return List.of(reader.next(), reader.next());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(Duration.ofSeconds(20)).until(firstTwo::isDone);
            assertThat(Json.read(firstTwo.join().get(0)).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(Json.read(firstTwo.join().get(1)).at("/choices/0/delta/content").asText()).isNotEmpty();

            // Closing the server ends the stream that is waiting for its next token.
            server.close();
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return opened.join().next();
                } catch (IOException e) {
                    // A reset instead of a clean end also means the stream was ended.
                    return null;
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(rest::isDone);
            assertThat(rest.join()).isNull();
        } finally {
            server.close();
        }
    }
}
