package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTest {

    @Test
    void keepsTextWithinTheLimitAsItIs() {
        assertThat(StoredText.truncated(null, 5)).isNull();
        assertThat(StoredText.truncated("", 5)).isEmpty();
        assertThat(StoredText.truncated("exact", 5)).isEqualTo("exact");
    }

    @Test
    void cutsLongerTextAndSaysHowMuchWasCut() {
        assertThat(StoredText.truncated("exactly", 5)).isEqualTo("exact...<truncated 2 chars>");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String twoEmoji = "\uD83D\uDE00\uD83D\uDE01";

        assertThat(StoredText.truncated(twoEmoji, 3)).isEqualTo("\uD83D\uDE00...<truncated 2 chars>");
        assertThat(StoredText.fitted(twoEmoji, 1)).isEmpty();
    }

    @Test
    void fitsAColumnWithoutAMarker() {
        assertThat(StoredText.fitted("GETTING", 3)).isEqualTo("GET");
        assertThat(StoredText.fitted(null, 3)).isNull();
    }

    @Test
    void replacesNulCharacters() {
        assertThat(StoredText.fitted("a\0b", 10)).isEqualTo("a\uFFFDb");
        assertThat(StoredText.truncated("a\0bcd", 3)).isEqualTo("a\uFFFDb...<truncated 2 chars>");
    }
}
