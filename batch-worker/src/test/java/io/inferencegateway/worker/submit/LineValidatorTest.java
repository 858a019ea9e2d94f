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

    private static String line(String url, String model) {
        return "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"" + url + "\",\"body\":{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";
    }
}
