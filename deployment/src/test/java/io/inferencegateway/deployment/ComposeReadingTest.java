package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The other tests read Compose files as Compose does: anchors, merge keys and substitution behave as specified. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ComposeReadingTest {

    @Test
    void mergeKeysAndAliasesResolveWithExplicitKeysWinning() {
        JsonNode root = Yaml.document("""
                x-base: &base
                  image: one
                  restart: always
                  environment: &env
                    A: "1"
                services:
                  first:
                    <<: *base
                    image: two
                  second:
                    environment:
                      <<: *env
                      B: "2"
                  third: *base
                """, "test");

        assertThat(root.path("services").path("first").path("image").asText()).isEqualTo("two");
        assertThat(root.path("services").path("first").path("restart").asText()).isEqualTo("always");
        assertThat(root.path("services").path("second").path("environment").properties()).hasSize(2);
        assertThat(root.path("services").path("third").path("image").asText()).isEqualTo("one");
        assertThat(root.path("services").path("first").has("<<")).isFalse();
    }

    @Test
    void substitutionFollowsTheComposeSpecification() {
        Map<String, String> empty = Map.of("SET_EMPTY", "");
        Map<String, String> set = Map.of("SET", "value");

        assertThat(Interpolation.apply("${UNSET:-d}", Map.of())).isEqualTo("d");
        assertThat(Interpolation.apply("${SET_EMPTY:-d}", empty)).as(":- replaces an empty value").isEqualTo("d");
        assertThat(Interpolation.apply("${SET_EMPTY-d}", empty)).as("- keeps an empty value").isEmpty();
        assertThat(Interpolation.apply("${UNSET-d}", Map.of())).isEqualTo("d");
        assertThat(Interpolation.apply("${SET-d}x$SET$$", set)).isEqualTo("valuexvalue$");
        assertThat(Interpolation.apply("${SET:+alt}", set)).isEqualTo("alt");
        assertThat(Interpolation.apply("${UNSET:-${SET}}", set)).isEqualTo("value");
        assertThatThrownBy(() -> Interpolation.apply("${UNSET:?needed}", Map.of())).hasMessageContaining("needed");
        assertThat(Interpolation.variables("a ${ONE:-${TWO}} $THREE $$FOUR")).containsExactly("ONE", "TWO", "THREE");
    }

    @Test
    void sizesAndDurationsReadAsComposeAndTheJvmWriteThem() {
        assertThat(Sizes.composeBytes("1g")).isEqualTo(1L << 30);
        assertThat(Sizes.composeBytes("512m")).isEqualTo(512L << 20);
        assertThat(Sizes.composeBytes("512MB")).isEqualTo(512L << 20);
        assertThat(Sizes.maxHeap("-Xms1g -Xmx640m -XX:+ExitOnOutOfMemoryError")).hasValue(640L << 20);
        assertThat(Sizes.maxHeap("-Xmx1g -Xmx2g")).as("the last -Xmx wins").hasValue(2L << 30);
        assertThat(Sizes.maxHeap("-XX:MaxRAMPercentage=75")).isEmpty();
        assertThat(Sizes.composeDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Sizes.composeDuration("45s")).isEqualTo(Duration.ofSeconds(45));
    }
}
