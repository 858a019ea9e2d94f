package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedSettingsTest {

    @Test
    void emptyConfigGivesTheDefaults() {
        assertThat(SimulatedSettings.fromConfig(Json.object())).isEqualTo(SimulatedSettings.DEFAULTS);
        assertThat(SimulatedSettings.fromConfig(null)).isEqualTo(SimulatedSettings.DEFAULTS);
        assertThat(SimulatedSettings.DEFAULTS).isEqualTo(new SimulatedSettings(0, 0, 0, 16, 0, 500, 16));
    }

    @Test
    void readsEverySnakeCaseKey() {
        SimulatedSettings settings = SimulatedSettings.fromConfig(Json.read("""
                {"latency_ms": 25, "time_to_first_token_ms": 40, "tokens_per_second": 12.5,
                 "completion_tokens": 7, "error_rate": 0.25, "error_status": 429, "embedding_dimensions": 3}"""));

        assertThat(settings).isEqualTo(new SimulatedSettings(25, 40, 12.5, 7, 0.25, 429, 3));
        assertThat(settings.tokenIntervalNanos()).isEqualTo(80_000_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"error_rate\": 1.5}              | config.error_rate",
            "{\"error_rate\": -0.1}             | config.error_rate",
            "{\"error_rate\": \"often\"}        | config.error_rate",
            "{\"latency_ms\": -1}               | config.latency_ms",
            "{\"latency_ms\": 2.5}              | config.latency_ms",
            "{\"time_to_first_token_ms\": -5}   | config.time_to_first_token_ms",
            "{\"tokens_per_second\": -1}        | config.tokens_per_second",
            "{\"completion_tokens\": 0}         | config.completion_tokens",
            "{\"completion_tokens\": 99999999999} | config.completion_tokens",
            "{\"error_status\": 200}            | config.error_status",
            "{\"embedding_dimensions\": 0}      | config.embedding_dimensions",
            "{\"latncy_ms\": 5}                 | config.latncy_ms",
    })
    void invalidValuesNameTheField(String config, String field) {
        assertThatThrownBy(() -> SimulatedSettings.fromConfig(Json.read(config)))
                .isInstanceOfSatisfying(AdaptorConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void nonObjectConfigIsRefused() {
        assertThatThrownBy(() -> SimulatedSettings.fromConfig(Json.read("[1]")))
                .isInstanceOfSatisfying(AdaptorConfigException.class, e -> assertThat(e.field()).isEqualTo("config"));
    }
}
