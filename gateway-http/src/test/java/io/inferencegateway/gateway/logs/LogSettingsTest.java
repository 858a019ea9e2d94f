package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LogSettings defaults = LogSettings.defaults();

        assertThat(defaults.capacity()).isEqualTo(100_000);
        assertThat(defaults.batchSize()).isEqualTo(500);
        assertThat(defaults.flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.maxTextLength()).isEqualTo(2_000);
        assertThat(defaults.retryInitialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        Duration ms = Duration.ofMillis(1);
        assertThatThrownBy(() -> new LogSettings(0, 1, ms, 0, ms, ms, ms)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new LogSettings(10, 11, ms, 0, ms, ms, ms)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new LogSettings(10, 10, ms, -1, ms, ms, ms)).hasMessageContaining("maxTextLength");
        assertThatThrownBy(() -> new LogSettings(10, 10, Duration.ZERO, 0, ms, ms, ms))
                .hasMessageContaining("flushInterval");
        assertThatThrownBy(() -> new LogSettings(10, 10, ms, 0, Duration.ofSeconds(2), Duration.ofSeconds(1), ms))
                .hasMessageContaining("retryMaxBackoff");
    }
}
