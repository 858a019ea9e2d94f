package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(BackendMetrics.gauge(PAGE, "vllm:num_requests_running", "llama")).isEqualTo(12);
        assertThat(BackendMetrics.gauge(PAGE, "vllm:num_requests_waiting", "llama")).isEqualTo(4);
    }

    @Test
    void aServerOfOneModelUnderAnotherNameIsReadFromItsOnlySeries() {
        assertThat(BackendMetrics.gauge(PAGE, "vllm:num_requests_waiting", "served-as-something-else")).isEqualTo(4);
        assertThat(BackendMetrics.gauge(PAGE, "vllm:num_requests_running", "unknown")).as("two series, none named")
                .isNull();
        assertThat(BackendMetrics.gauge("", "vllm:num_requests_running", "llama")).isNull();
    }
}
