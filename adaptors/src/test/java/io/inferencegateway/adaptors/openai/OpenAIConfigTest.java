package io.inferencegateway.adaptors.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.adaptors.TestDefinitions;
import io.inferencegateway.spi.AdaptorConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAIConfigTest {

    @Test
    void defaultsMatchFirst() {
        OpenAIConfig config = OpenAIConfig.read("metis-api-test-model",
                TestDefinitions.config("{\"api_url\":\"http://gpu01:8000/v1//\"}"), Map.<String, String>of()::get);

        assertThat(config.apiUrl()).isEqualTo("http://gpu01:8000/v1");
        assertThat(config.urlFor("chat/completions")).hasToString("http://gpu01:8000/v1/chat/completions");
        assertThat(config.apiKey()).isNull();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.maxConnections()).isEqualTo(256);
    }

    @Test
    void readsEverySettingAndAcceptsNumbersWrittenAsStrings() {
        OpenAIConfig config = OpenAIConfig.read("metis-api-test-model", TestDefinitions.config("""
                {"api_url": "https://api.example.org/v1", "api_key_env_name": "EXAMPLE_KEY",
                 "connect_timeout_seconds": "2.5", "api_request_timeout": 300, "max_connections": "32"}"""),
                Map.of("EXAMPLE_KEY", "sk-secret")::get);

        assertThat(config.apiKey()).isEqualTo("sk-secret");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.maxConnections()).isEqualTo(32);
        assertThat(config.toString()).doesNotContain("sk-secret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                      | config.api_url
            {"api_url": 8000}                                       | config.api_url
            {"api_url": "gpu01:8000/v1"}                            | config.api_url
            {"api_url": "ftp://gpu01/v1"}                           | config.api_url
            {"api_url": "http://h/v1", "api_key_env_name": "UNSET"} | config.api_key_env_name
            {"api_url": "http://h/v1", "api_key_env_name": "EMPTY"} | config.api_key_env_name
            {"api_url": "http://h/v1", "api_key_env_name": 3}       | config.api_key_env_name
            {"api_url": "http://h/v1", "api_request_timeout": 0}    | config.api_request_timeout
            {"api_url": "http://h/v1", "api_request_timeout": "x"}  | config.api_request_timeout
            {"api_url": "http://h/v1", "connect_timeout_seconds": -1} | config.connect_timeout_seconds
            {"api_url": "http://h/v1", "max_connections": 1.5}      | config.max_connections
            {"api_url": "http://h/v1", "max_connections": true}     | config.max_connections
            """)
    void anUnusableSettingStopsStartUpNamingTheField(String json, String field) {
        Map<String, String> environment = Map.of("EMPTY", " ");

        assertThatThrownBy(() -> new OpenAICompatibleEndpoint(TestDefinitions.endpoint(TestDefinitions.config(json)),
                environment::get))
                .isInstanceOfSatisfying(AdaptorConfigException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageNotContaining("null");
    }

    @Test
    void theMessageSaysWhichVariableIsMissing() {
        assertThatThrownBy(() -> OpenAIConfig.read("metis-api-test-model", TestDefinitions.config(
                "{\"api_url\": \"http://h/v1\", \"api_key_env_name\": \"VLLM_KEY\"}"), Map.<String, String>of()::get))
                .hasMessage("names environment variable VLLM_KEY, which is not set or is empty");
    }
}
