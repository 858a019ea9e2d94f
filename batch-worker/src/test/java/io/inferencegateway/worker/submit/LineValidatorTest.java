package io.inferencegateway.worker.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.BatchError;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LineValidatorTest {

    /** Issue 14: an error line quotes a few hundred characters of what the input said, however much it said. */
    @Test
    void aHugeUrlOrModelIsQuotedInShort() {
        String url = "/v1/" + "u".repeat(100_000);
        String model = "model-" + "m".repeat(100_000);

        BatchError badUrl = new LineValidator("/v1/chat/completions", "model-a", false)
                .check(line(url, "model-a"), 1).error();
        BatchError badModel = new LineValidator("/v1/chat/completions", "model-a", false)
                .check(line("/v1/chat/completions", model), 1).error();

        assertThat(badUrl.code()).isEqualTo("invalid_url");
        assertThat(badUrl.message()).hasSizeLessThan(500).contains(url.substring(0, 150));
        assertThat(badModel.code()).isEqualTo("mismatched_model");
        assertThat(badModel.message()).hasSizeLessThan(500).contains(model.substring(0, 150));
    }

    /** What a batch enqueues: the prompt-token estimate of each line that passed, and nothing of a refused one. */
    @Test
    void sumsThePromptTokensOfTheLinesThatPass() {
        LineValidator validator = new LineValidator("/v1/chat/completions", "model-a", false);

        validator.check(line("/v1/chat/completions", "model-a"), 1);
        validator.check(line("/v1/chat/completions", "model-b"), 2);
        validator.check("{\"custom_id\":\"c\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}}", 3);

        assertThat(validator.enqueuedTokens()).isEqualTo(1 + 3);
    }

    /**
     * Issue 18: FIRST's user guide writes a batch line as a bare request body; a FIRST-style batch takes it, names it
     * by its line number, and sends it to the route its fields belong to with the batch's model.
     */
    @Test
    void aFirstStyleBatchTakesBareRequestBodiesAndLinesWithoutCustomIds() {
        LineValidator validator = new LineValidator("/v1/chat/completions", "model-a", true);

        LineValidator.ValidLine chat = validator.check(
                "{\"messages\": [{\"role\": \"user\", \"content\": \"What is AI?\"}], \"max_tokens\": 100}", 1).line();
        LineValidator.ValidLine completion = validator.check("{\"prompt\": \"Once\", \"model\": \"model-a\"}", 2)
                .line();
        LineValidator.ValidLine embedding = validator.check("{\"input\": \"text\"}", 3).line();
        LineValidator.ValidLine noId = validator.check("{\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"model-a\",\"messages\":[]}}", 4).line();

        assertThat(chat.customId()).isEqualTo("line-1");
        assertThat(chat.url()).isEqualTo("/v1/chat/completions");
        assertThat(chat.body().path("model").asText()).isEqualTo("model-a");
        assertThat(chat.body().path("max_tokens").asInt()).isEqualTo(100);
        assertThat(completion.url()).isEqualTo("/v1/completions");
        assertThat(embedding.url()).isEqualTo("/v1/embeddings");
        assertThat(noId.customId()).isEqualTo("line-4");
        BatchError neither = validator.check("{\"question\": \"what?\"}", 5).error();
        assertThat(neither.line()).isEqualTo(5);
        assertThat(neither.message()).contains("messages", "prompt", "input");
        assertThat(validator.check("{\"custom_id\":\"line-1\",\"method\":\"POST\",\"url\":\"/v1/completions\","
                + "\"body\":{\"model\":\"model-a\",\"prompt\":\"x\"}}", 6).error().code())
                .isEqualTo("duplicate_custom_id");
    }

    /** The backend matches model names exactly: a bare line is sent with the model as the batch names it. */
    @Test
    void aBareLineGetsTheBatchsModelAsItIsSpelled() {
        LineValidator validator = new LineValidator("/v1/chat/completions", "Meta-Llama/Llama-3.1-8B-Instruct", true);

        LineValidator.ValidLine line = validator.check("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                1).line();

        assertThat(line.body().path("model").asText()).isEqualTo("Meta-Llama/Llama-3.1-8B-Instruct");
    }

    @Test
    void anOpenAiBatchStillNeedsItsCustomIds() {
        BatchError error = new LineValidator("/v1/chat/completions", "model-a", false)
                .check("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", 7).error();

        assertThat(error.code()).isEqualTo("missing_required_parameter");
        assertThat(error.param()).isEqualTo("custom_id");
        assertThat(error.line()).isEqualTo(7);
    }

    private static String line(String url, String model) {
        return "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"" + url + "\",\"body\":{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";
    }
}
