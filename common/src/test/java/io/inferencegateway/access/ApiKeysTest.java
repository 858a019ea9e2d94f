package io.inferencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ApiKeysTest {

    @Test
    void newKeysCarryThePrefixAndDiffer() {
        String key = ApiKeys.generate();
        assertThat(key).startsWith(ApiKeys.PREFIX).hasSize(ApiKeys.PREFIX.length() + 43);
        assertThat(ApiKeys.generate()).isNotEqualTo(key);
        ApiKeys.requireWellChosen(key, "a generated key");
    }

    /** Issue 14: a listing showed 12 characters, most of a short operator key. */
    @Test
    void adminsSeeFourCharactersAfterThePrefix() {
        String key = ApiKeys.generate();
        assertThat(ApiKeys.displayPrefix(key)).isEqualTo(key.substring(0, 8)).startsWith("igw-");
        assertThat(ApiKeys.displayPrefix("igw-ab")).isEqualTo("igw-ab");
    }

    /** Issue 14: a development key without the prefix was registered and printed, then refused on every request. */
    @Test
    void aChosenKeyNeedsThePrefixAndThirtyTwoCharactersAfterIt() {
        String good = "igw-" + "a".repeat(ApiKeys.MIN_CHOSEN_LENGTH);
        ApiKeys.requireWellChosen(good, "GATEWAY_DEV_API_KEY");

        assertThatThrownBy(() -> ApiKeys.requireWellChosen("dev-" + "a".repeat(40), "GATEWAY_DEV_API_KEY"))
                .hasMessageStartingWith("GATEWAY_DEV_API_KEY must be 'igw-' followed by at least 32 characters")
                .hasMessageContaining("it does not start with 'igw-'").hasMessageNotContaining("aaaa");
        assertThatThrownBy(() -> ApiKeys.requireWellChosen("igw-" + "a".repeat(31), "GATEWAY_DEV_API_KEY"))
                .hasMessageContaining("it has 31 characters after 'igw-'");
        assertThatThrownBy(() -> ApiKeys.requireWellChosen("igw-" + "a".repeat(31) + " x", "GATEWAY_DEV_API_KEY"))
                .hasMessageContaining("other characters");
    }
}
