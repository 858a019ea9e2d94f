package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulatedChatTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private final SimulatedModel model = new SimulatedModel(SimulatedSettings.DEFAULTS, 1, CLOCK);

    static JsonNode chat(String extraFields) {
        return Json.read("""
                {"model": "sim-7b", "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "Hello, world! How are you?"}]%s}""".formatted(extraFields));
    }

    private JsonNode answer(JsonNode body) {
        SimulatedReply reply = model.complete("chat/completions", body);
        assertThat(reply).isInstanceOf(SimulatedReply.Answer.class);
        return ((SimulatedReply.Answer) reply).body();
    }

    @Test
    void answersInTheChatCompletionShape() {
        JsonNode body = answer(chat(""));

        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isEqualTo(1_700_000_000L);
        assertThat(body.path("model").asText()).isEqualTo("sim-7b");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isNotBlank();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void sameRequestGivesSameTextAcrossInstances() {
        SimulatedModel other = new SimulatedModel(SimulatedSettings.DEFAULTS);
        String first = answer(chat("")).at("/choices/0/message/content").asText();
        String again = answer(chat("")).at("/choices/0/message/content").asText();
        SimulatedReply.Answer elsewhere = (SimulatedReply.Answer) other.complete("chat/completions", chat(""));

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere.body().at("/choices/0/message/content").asText()).isEqualTo(first);
        assertThat(answer(chat(", \"seed\": 7")).at("/choices/0/message/content").asText()).isNotEqualTo(first);
    }

    @Test
    void differentPromptsGiveDifferentText() {
        JsonNode other = Json.read("""
                {"model": "sim-7b", "messages": [{"role": "user", "content": "Something else entirely"}]}""");

        assertThat(answer(other).at("/choices/0/message/content").asText())
                .isNotEqualTo(answer(chat("")).at("/choices/0/message/content").asText());
    }

    @Test
    void usageCountsPromptTextAndDefaultAnswerLength() {
        JsonNode body = answer(chat(""));

        // "You are terse." = 4 tokens; "Hello, world! How are you?" = 8 tokens.
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(16);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(28);
        assertThat(Tokenizer.count(body.at("/choices/0/message/content").asText())).isEqualTo(16);
    }

    @Test
    void contentPartsCountTheirText() {
        JsonNode body = answer(Json.read("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "two words"},
                  {"type": "image_url", "image_url": {"url": "data:,"}}]}]}"""));

        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() {
        String full = answer(chat("")).at("/choices/0/message/content").asText();
        JsonNode cut = answer(chat(", \"max_tokens\": 5"));

        String content = cut.at("/choices/0/message/content").asText();
        assertThat(Tokenizer.count(content)).isEqualTo(5);
        assertThat(full).startsWith(content);
        assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(cut.at("/usage/total_tokens").asInt()).isEqualTo(17);
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() {
        JsonNode body = answer(chat(", \"max_tokens\": 9, \"max_completion_tokens\": 3"));

        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void largerMaxTokensGivesExactlyThatMany() {
        JsonNode body = answer(chat(", \"max_tokens\": 40"));

        assertThat(Tokenizer.count(body.at("/choices/0/message/content").asText())).isEqualTo(40);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(40);
    }

    @Test
    void nGivesThatManyDistinctChoicesAndCountsThemAll() {
        JsonNode body = answer(chat(", \"n\": 3, \"max_tokens\": 4"));

        assertThat(body.path("choices")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(body.path("choices").get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(body.at("/choices/0/message/content").asText())
                .isNotEqualTo(body.at("/choices/1/message/content").asText());
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(24);
    }

    @Test
    void invalidRequestsAreRefusedWithAnOpenAiErrorNamingTheParameter() {
        assertRefused(Json.read("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), "model");
        assertRefused(Json.read("{\"model\": \"m\", \"messages\": []}"), "messages");
        assertRefused(Json.read("{\"model\": \"m\", \"messages\": \"hi\"}"), "messages");
        assertRefused(chat(", \"max_tokens\": 0"), "max_tokens");
        assertRefused(chat(", \"n\": 1000"), "n");
        assertRefused(chat(", \"n\": 128, \"max_tokens\": 131072"), "max_tokens");
    }

    private void assertRefused(JsonNode body, String param) {
        SimulatedReply reply = model.complete("chat/completions", body);

        assertThat(reply).isInstanceOfSatisfying(SimulatedReply.Failure.class, failure -> {
            assertThat(failure.status()).isEqualTo(400);
            assertThat(failure.body().at("/error/param").asText()).isEqualTo(param);
            assertThat(failure.body().at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(failure.message()).isNotBlank();
        });
    }

    @Test
    void unsupportedRoutesAreRefused() {
        assertThat(model.complete("responses", chat(""))).isInstanceOf(SimulatedReply.Failure.class);
        assertThat(model.stream("embeddings", chat(""))).isInstanceOf(SimulatedReply.Failure.class);
    }
}
