package io.inferencegateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class CompletionWindowTest {

    @ParameterizedTest
    @CsvSource({"24h, PT24H", "1m, PT1M", "90m, PT1H30M", "1h, PT1H", "168h, PT168H", "7d, PT168H", "10080m, PT168H",
            "1d, PT24H"})
    void aWholeNumberOfMinutesHoursOrDaysUpToSevenDays(String text, Duration duration) {
        CompletionWindow window = CompletionWindow.parse(text);

        assertThat(window.text()).isEqualTo(text);
        assertThat(window.duration()).isEqualTo(duration);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "24", "0h", "0m", "8d", "169h", "10081m", "1.5h", "abc", "h", "-1h", "+1h", "1H",
            " 1h", "1h ", "01h", "1w", "99999999999999999999d"})
    void anythingElseIsRefusedWithAMessageThatSaysWhatIsAccepted(String text) {
        assertThatThrownBy(() -> CompletionWindow.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'24h'").hasMessageContaining("1m").hasMessageContaining("7d");
    }

    @Test
    void theDefaultIsOpenAisOnlyWindow() {
        assertThat(CompletionWindow.DEFAULT.text()).isEqualTo("24h");
        assertThat(CompletionWindow.DEFAULT.duration()).isEqualTo(Duration.ofHours(24));
    }
}
