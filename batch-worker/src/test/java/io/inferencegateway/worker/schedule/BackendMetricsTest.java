package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendMetricsTest {

    static final String PAGE = """
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="llama"} 12.0
            vllm:num_requests_running{engine="0",model_name="other"} 3.0
            vllm:num_requests_running_total 99
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{model_name="llama"} 4.0
            """;

    @Test
    void readsTheGaugeOfTheEndpointsModel() {
        assertThat(BackendMetrics.value(PAGE, "vllm:num_requests_running", "llama")).isEqualTo(12.0);
        assertThat(BackendMetrics.value(PAGE, "vllm:num_requests_waiting", "llama")).isEqualTo(4.0);
    }

    @Test
    void aServerOfOneModelUnderAnotherNameIsReadFromItsOnlySeries() {
        assertThat(BackendMetrics.value(PAGE, "vllm:num_requests_waiting", "served-as-something-else")).isEqualTo(4.0);
        assertThat(BackendMetrics.value(PAGE, "vllm:num_requests_running", "unknown")).as("two series, none named")
                .isNull();
        assertThat(BackendMetrics.value("", "vllm:num_requests_running", "llama")).isNull();
    }

    @Test
    void readsTheShareOfKvCacheInUseUnderEitherNameOrNoneWhenTheServerDoesNotSayIt() {
        BackendMetrics.Reading reading = BackendMetrics.parse(PAGE
                + "vllm:kv_cache_usage_perc{model_name=\"llama\"} 0.75\n", "llama", 7);
        assertThat(reading).isEqualTo(new BackendMetrics.Reading(7, 12, 4, 0.75));
        assertThat(BackendMetrics.parse(PAGE + "vllm:gpu_cache_usage_perc{model_name=\"llama\"} 0.5\n", "llama", 7)
                .cacheUsage()).as("the name before vLLM 0.10").isEqualTo(0.5);
        assertThat(BackendMetrics.parse(PAGE, "llama", 7).cacheUsage()).isNaN();
    }

    @Test
    void aPageWithoutTheRequestGaugesIsNoReading() {
        assertThatThrownBy(() -> BackendMetrics.parse(
                "vllm:kv_cache_usage_perc 0.5\n", "llama", 7)).isInstanceOf(IllegalStateException.class);
    }
}
