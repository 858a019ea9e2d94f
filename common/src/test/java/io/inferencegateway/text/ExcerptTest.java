package io.inferencegateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExcerptTest {

    @Test
    void shortInputIsQuotedWhole() {
        assertThat(Excerpt.of("meta-llama/Llama-3.1-8B-Instruct")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(Excerpt.of("x".repeat(Excerpt.MAX_CHARS))).hasSize(Excerpt.MAX_CHARS);
        assertThat(Excerpt.of("")).isEmpty();
    }

    @Test
    void longInputIsCutAndSaysSo() {
        String fifteenMegabytes = "m".repeat(15 * 1024 * 1024);

        assertThat(Excerpt.of(fifteenMegabytes)).isEqualTo("m".repeat(Excerpt.MAX_CHARS) + "...");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        String input = "x".repeat(Excerpt.MAX_CHARS - 1) + emoji + "tail";

        assertThat(Excerpt.of(input)).isEqualTo("x".repeat(Excerpt.MAX_CHARS - 1) + "...");
    }

    @Test
    void nothingIsShownAsNull() {
        assertThat(Excerpt.of(null)).isEqualTo("null");
    }
}
