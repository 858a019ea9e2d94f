package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.json.Json;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The estimate a batch's enqueued tokens are counted with is the simulator's own prompt count. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PromptTokensTest {

    @Test
    void chatCountsTheTextOfEveryMessage() throws Exception {
        var body = Json.MAPPER.readTree("""
                {"model": "m", "messages": [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": [{"type": "text", "text": "Say hello, world"}]}]}""");

        assertThat(PromptTokens.estimate("chat/completions", body)).isEqualTo(3 + 4);
    }

    @Test
    void completionsAndEmbeddingsCountEachPromptOrInput() throws Exception {
        assertThat(PromptTokens.estimate("completions", Json.MAPPER.readTree(
                "{\"model\": \"m\", \"prompt\": [\"one two\", \"three\"]}"))).isEqualTo(3);
        assertThat(PromptTokens.estimate("embeddings", Json.MAPPER.readTree(
                "{\"model\": \"m\", \"input\": [[1, 2, 3, 4], \"five\"]}"))).isEqualTo(5);
        assertThat(PromptTokens.estimate("responses", Json.MAPPER.readTree(
                "{\"model\": \"m\", \"input\": \"one two three\"}"))).isEqualTo(3);
    }

    /** A body the model would refuse still holds text: it is counted as it stands, never refused here. */
    @Test
    void aBodyOfAnotherShapeIsCountedWhole() throws Exception {
        assertThat(PromptTokens.estimate("chat/completions", Json.MAPPER.readTree(
                "{\"model\": \"m\", \"messages\": \"hello there\"}"))).isPositive();
        assertThat(PromptTokens.estimate("completions", Json.MAPPER.readTree("{\"model\": \"m\"}"))).isPositive();
    }

    @Test
    void theEstimateIsWhatTheSimulatorReportsAsPromptTokens() throws Exception {
        var body = Json.MAPPER.readTree("""
                {"model": "m", "max_tokens": 3, "messages": [{"role": "user", "content": "How many tokens is this?"}]}""");
        SimulatedModel model = new SimulatedModel(SimulatedSettings.DEFAULTS, 1, Clock.systemUTC());

        SimulatedReply reply = model.complete("chat/completions", body);

        assertThat(((SimulatedReply.Answer) reply).body().path("usage").path("prompt_tokens").asLong()).isEqualTo(PromptTokens.estimate("chat/completions", body));
    }
}
