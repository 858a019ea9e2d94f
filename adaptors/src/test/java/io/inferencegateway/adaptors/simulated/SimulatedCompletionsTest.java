package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import org.junit.jupiter.api.Test;

class SimulatedCompletionsTest {

    private final SimulatedModel model = new SimulatedModel(SimulatedSettings.DEFAULTS);

    private JsonNode answer(String body) {
        return ((SimulatedReply.Answer) model.complete("completions", Json.read(body))).body();
    }

    @Test
    void answersInTheTextCompletionShapeWithUsage() {
        JsonNode body = answer("{\"model\": \"sim\", \"prompt\": \"Once upon a time\", \"max_tokens\": 6}");

        assertThat(body.path("id").asText()).startsWith("cmpl-");
        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        assertThat(body.path("model").asText()).isEqualTo("sim");
        assertThat(Tokenizer.count(body.at("/choices/0/text").asText())).isEqualTo(6);
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(6);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void isDeterministicForTheSamePrompt() {
        String request = "{\"model\": \"sim\", \"prompt\": \"Once upon a time\"}";

        assertThat(answer(request).at("/choices/0/text")).isEqualTo(answer(request).at("/choices/0/text"));
    }

    @Test
    void severalPromptsTimesNGiveOneChoiceEachAndAddUp() {
        JsonNode body = answer("""
                {"model": "sim", "prompt": ["one two", "three"], "n": 2, "max_tokens": 3}""");

        assertThat(body.path("choices")).hasSize(4);
        assertThat(body.at("/choices/3/index").asInt()).isEqualTo(3);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(15);
    }

    @Test
    void tokenIdPromptsCountTheirIds() {
        assertThat(answer("{\"model\": \"sim\", \"prompt\": [1, 2, 3, 4, 5]}").at("/usage/prompt_tokens").asInt())
                .isEqualTo(5);
        assertThat(answer("{\"model\": \"sim\", \"prompt\": [[1, 2], [3]]}").at("/usage/prompt_tokens").asInt())
                .isEqualTo(3);
    }

    @Test
    void missingPromptIsRefused() {
        SimulatedReply reply = model.complete("completions", Json.read("{\"model\": \"sim\"}"));

        assertThat(reply).isInstanceOfSatisfying(SimulatedReply.Failure.class,
                failure -> assertThat(failure.body().at("/error/param").asText()).isEqualTo("prompt"));
    }
}
