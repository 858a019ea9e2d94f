package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What reaches the backend: exactly the fields the client sent, vLLM's extensions included; and what comes back. */
class ForwardingTest {

    private static ScriptedBackend backend;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = new ScriptedBackend();
        gateway = GatewayFixture.start(Map.of("SCRIPTED_BACKEND_URL", backend.baseUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @Test
    void vllmExtensionsPassThroughAndNothingIsAdded() throws Exception {
        String body = """
                {"model":"scripted-model","messages":[{"role":"user","content":"hi"}],"top_k":20,"min_p":0.05,\
                "repetition_penalty":1.1,"chat_template_kwargs":{"enable_thinking":false},\
                "guided_json":{"type":"object"},"my_extra_key":[1,2,3]}""";
        HttpResponse<String> response = gateway.post("/resource_server/scripted/vllm/v1/chat/completions", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.read(backend.lastBody.get())).isEqualTo(Json.read(body));
    }

    @Test
    void theBackendsAnswerIsPassedThroughUnchanged() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"scripted-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.body()).isEqualTo(ScriptedBackend.COMPLETION);
    }

    @Test
    void anUpstreamClientErrorStaysAClientError() throws Exception {
        backend.refuseWith = 400;
        try {
            for (String path : new String[] {"/v1/chat/completions", "/resource_server/scripted/vllm/v1/chat/completions"}) {
                HttpResponse<String> response = gateway.post(path, "{\"model\":\"scripted-model\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(response.statusCode()).as(path).isEqualTo(400);
                JsonNode error = Json.read(response.body()).path("error");
                assertThat(error.path("message").asText()).contains("max_tokens is too large");
            }
        } finally {
            backend.refuseWith = 0;
        }
    }
}
