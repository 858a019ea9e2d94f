package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
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

    @Test
    void readsTheCapacityKeys() {
        SimulatedSettings settings = SimulatedSettings.fromConfig(Json.read("""
                {"latency_ms": 25, "slots": 8, "max_waiting": 32, "queue_full_status": 503, "step_slowdown": 3}"""));

        assertThat(settings.capacity()).isEqualTo(new CapacitySettings(8, 32, 503, 3));
        assertThat(settings.latencyMs()).isEqualTo(25);
    }

    @Test
    void capacityIsUnlimitedByDefault() {
        assertThat(SimulatedSettings.DEFAULTS.capacity()).isEqualTo(CapacitySettings.UNLIMITED);
        assertThat(CapacitySettings.UNLIMITED.limited()).isFalse();
        assertThat(CapacitySettings.UNLIMITED.loadFactor(100)).isEqualTo(1);
    }

    @Test
    void theLoadFactorGrowsFromOneAloneToTheSlowdownInAFullBatch() {
        CapacitySettings capacity = new CapacitySettings(5, 0, 429, 3);

        assertThat(capacity.loadFactor(1)).isEqualTo(1);
        assertThat(capacity.loadFactor(3)).isEqualTo(2);
        assertThat(capacity.loadFactor(5)).isEqualTo(3);
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
            "{\"slots\": -1}                    | config.slots",
            "{\"slots\": 2.5}                   | config.slots",
            "{\"slots\": \"many\"}              | config.slots",
            "{\"slots\": 4, \"max_waiting\": -1} | config.max_waiting",
            "{\"slots\": 4, \"queue_full_status\": 500} | config.queue_full_status",
            "{\"slots\": 4, \"step_slowdown\": 0.5} | config.step_slowdown",
            "{\"slots\": 4, \"step_slowdown\": 5} | config.step_slowdown",
            "{\"step_slowdown\": 2}             | config.step_slowdown",
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
