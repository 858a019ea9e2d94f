package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimulatedStreamTest {

    private final SimulatedModel model = new SimulatedModel(SimulatedSettings.DEFAULTS);

    private EventStream open(String endpoint, JsonNode body) {
        SimulatedReply reply;
        try {
            reply = model.respond(endpoint, body);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(reply).isInstanceOf(SimulatedReply.Stream.class);
        return ((SimulatedReply.Stream) reply).events();
    }

    private static List<SseEvent> drain(EventStream stream) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event = stream.next(); event != null; event = stream.next()) {
            events.add(event);
        }
        return events;
    }

    private static List<JsonNode> chunks(List<SseEvent> events) {
        return events.subList(0, events.size() - 1).stream().map(event -> Json.read(event.data())).toList();
    }

    @Test
    void chatStreamsRoleThenOneTokenPerChunkThenFinishThenDone() throws IOException {
        List<SseEvent> events = drain(open("chat/completions", SimulatedChatTest.chat(", \"stream\": true, \"max_tokens\": 4")));

        // role + 4 tokens + finish + [DONE]
        assertThat(events).hasSize(7);
        assertThat(events.getLast().isDone()).isTrue();
        List<JsonNode> chunks = chunks(events);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("sim-7b");
            assertThat(chunk.has("usage")).isFalse();
        });
        assertThat(chunks.stream().map(chunk -> chunk.path("id").asText()).distinct()).hasSize(1);
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        for (JsonNode content : chunks.subList(1, 5)) {
            assertThat(Tokenizer.count(content.at("/choices/0/delta/content").asText())).isEqualTo(1);
            assertThat(content.at("/choices/0/finish_reason").isNull()).isTrue();
        }
        assertThat(chunks.getLast().at("/choices/0/delta").isEmpty()).isTrue();
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void streamedTextEqualsTheWholeAnswer() throws IOException {
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks(drain(open("chat/completions", SimulatedChatTest.chat(", \"stream\": true"))))) {
            streamed.append(chunk.at("/choices/0/delta/content").asText());
        }
        JsonNode whole = ((SimulatedReply.Answer) model.complete("chat/completions", SimulatedChatTest.chat(""))).body();

        assertThat(streamed.toString()).isEqualTo(whole.at("/choices/0/message/content").asText());
    }

    @Test
    void includeUsageAddsAFinalChunkWithEmptyChoicesAndUsage() throws IOException {
        List<SseEvent> events = drain(open("chat/completions", SimulatedChatTest.chat(
                ", \"stream\": true, \"stream_options\": {\"include_usage\": true}")));

        assertThat(events.getLast().isDone()).isTrue();
        JsonNode usageChunk = Json.read(events.get(events.size() - 2).data());
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(16);
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(28);
        assertThat(chunks(events).subList(0, events.size() - 2))
                .allSatisfy(chunk -> assertThat(chunk.path("usage").isNull()).isTrue());
    }

    @Test
    void includeUsageFalseSendsNoUsageChunk() throws IOException {
        List<SseEvent> events = drain(open("chat/completions", SimulatedChatTest.chat(
                ", \"stream\": true, \"stream_options\": {\"include_usage\": false}")));

        assertThat(chunks(events)).allSatisfy(chunk -> assertThat(chunk.path("choices")).isNotEmpty());
    }

    @Test
    void nChoicesInterleaveAndEachFinishes() throws IOException {
        List<JsonNode> chunks = chunks(drain(open("chat/completions",
                SimulatedChatTest.chat(", \"stream\": true, \"n\": 2, \"max_tokens\": 3"))));

        // 2 roles + 2 x 3 tokens + 2 finishes
        assertThat(chunks).hasSize(10);
        assertThat(chunks.stream().map(chunk -> chunk.at("/choices/0/index").asInt()).toList())
                .containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        assertThat(chunks.subList(8, 10)).allSatisfy(
                chunk -> assertThat(chunk.at("/choices/0/finish_reason").asText()).isEqualTo("length"));
    }

    @Test
    void completionsStreamTextChunks() throws IOException {
        List<SseEvent> events = drain(open("completions", Json.read("""
                {"model": "sim", "prompt": "hi", "stream": true, "max_tokens": 2}""")));

        assertThat(events).hasSize(4);
        List<JsonNode> chunks = chunks(events);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.path("object").asText()).isEqualTo("text_completion"));
        assertThat(chunks.getFirst().at("/choices/0/text").asText()).isNotEmpty();
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(events.getLast().isDone()).isTrue();
    }

    @Test
    void closeStopsTheStream() throws IOException {
        EventStream stream = open("chat/completions", SimulatedChatTest.chat(", \"stream\": true"));

        assertThat(stream.next()).isNotNull();
        stream.close();
        stream.close();
        assertThat(stream.next()).isNull();
    }

    @Test
    void closeWakesAReaderWaitingForItsFirstToken() {
        SimulatedModel slow = new SimulatedModel(new SimulatedSettings(0, 600_000, 0, 16, 0, 500, 16));
        EventStream stream = ((SimulatedReply.Stream) slow.stream("chat/completions", SimulatedChatTest.chat(""))).events();
        CompletableFuture<SseEvent> first = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.next();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        stream.close();

        await().atMost(Duration.ofSeconds(10)).until(first::isDone);
        assertThat(first.join()).isNull();
    }
}
