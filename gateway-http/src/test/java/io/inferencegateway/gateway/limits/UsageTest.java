package io.inferencegateway.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.json.Json;
import org.junit.jupiter.api.Test;

/** Token usage read from answers of every shape the backends send. */
class UsageTest {

    @Test
    void readsTheTopLevelUsageWhereverItStands() {
        assertThat(Usage.fromResponse("{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7},"
                + "\"choices\":[]}")).isEqualTo(new Usage(3, 4, 7));
        assertThat(Usage.fromResponse("{\"data\":[{\"embedding\":[0.1,0.2],\"usage\":{\"total_tokens\":99}}],"
                + "\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}")).isEqualTo(new Usage(5, 0, 5));
    }

    @Test
    void anthropicAndMissingTotalsAreCounted() {
        assertThat(Usage.fromResponse("{\"usage\":{\"input_tokens\":2,\"output_tokens\":6}}")).isEqualTo(new Usage(2, 6, 8));
    }

    @Test
    void readsCountsOfEveryShapeAsTheTreeReaderDoes() {
        String[] usages = {
            "{\"prompt_tokens\":\"12\",\"completion_tokens\":3.9,\"prompt_tokens_details\":{\"cached_tokens\":8}}",
            "{\"prompt_tokens\":{\"text\":5},\"input_tokens\":4,\"completion_tokens\":[1,2],\"output_tokens\":2}",
            "{\"prompt_tokens\":\"many\",\"input_tokens\":7,\"total_tokens\":null,\"completion_tokens\":1}",
            "{\"total_tokens\":5000000000,\"prompt_tokens\":1}",
            "{\"prompt_tokens\":true,\"completion_tokens\":\"12.0\",\"total_tokens\":\"NaN\"}",
            "{\"prompt_tokens\":1e3,\"completion_tokens\":\"1e1\",\"output_tokens\":false}",
            "{}",
        };
        for (String usage : usages) {
            assertThat(Usage.fromResponse("{\"id\":\"x\",\"usage\":" + usage + ",\"choices\":[]}"))
                    .as(usage).isEqualTo(Usage.of(Json.read(usage)));
        }
        assertThat(Usage.fromResponse("{\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":3.9}}"))
                .isEqualTo(new Usage(12, 3, 15));
        assertThat(Usage.fromResponse("{\"usage\":{\"prompt_tokens\":{\"text\":5},\"input_tokens\":4}}"))
                .isEqualTo(new Usage(4, 0, 4));
    }

    @Test
    void answersWithoutUsageOrNotJsonCountNothing() {
        assertThat(Usage.fromResponse("{\"choices\":[]}")).isEqualTo(Usage.NONE);
        assertThat(Usage.fromResponse("not json")).isEqualTo(Usage.NONE);
        assertThat(Usage.fromResponse("[1,2]")).isEqualTo(Usage.NONE);
        assertThat(Usage.fromResponse("{\"usage\":null}").isKnown()).isFalse();
    }
}
