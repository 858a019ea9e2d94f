package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedBuffersTest {

    @Test
    void lengthsCountCodePointsAsPythonLenDoes() {
        // The reference's measurement: "11\n" + json.dumps(["😀"], ensure_ascii=False) is 8 for Python's len,
        // 9 Java chars and 11 UTF-8 bytes.
        String buffer = "11\n[\"😀\"]";
        assertThat(buffer.length()).isEqualTo(9);
        assertThat(PackedBuffers.pack(List.of(buffer))).isEqualTo("8\n" + buffer);
    }

    @Test
    void unpackReversesPackWithMixedScripts() {
        List<String> buffers = List.of("11\n{\"p\": \"Grüße 😀 日本\"}", "", "11\n{}");
        assertThat(PackedBuffers.unpack(PackedBuffers.pack(buffers))).isEqualTo(buffers);
    }

    @Test
    void malformedPackedTextIsRejected() {
        assertThatThrownBy(() -> PackedBuffers.unpack("5\nabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedBuffers.unpack("x\nabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedBuffers.unpack("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskPayloadMatchesTheReferenceExampleByteForByte() {
        // shared/reference/globus-compute.md §3.4, the Java equivalent of FIRST's default call (Python's separators).
        String python = "102\n11\n[{\"model_params\": {\"model\": \"meta-llama/Llama-3.1-8B-Instruct\", \"prompt\": "
                + "\"hi\", \"api_port\": 8000}}]5\n11\n{}";
        List<String> buffers = PackedBuffers.unpack(python);
        assertThat(buffers).hasSize(2);
        assertThat(buffers.get(1)).isEqualTo("11\n{}");

        ObjectNode data = Json.object();
        data.putObject("model_params").put("model", "meta-llama/Llama-3.1-8B-Instruct").put("prompt", "hi")
                .put("api_port", 8000);
        String ours = ComputeSerializer.taskPayload(List.of(data), Json.object());
        // Jackson writes no spaces after separators, so the lengths differ from Python's but agree with the text.
        assertThat(ours).isEqualTo("96\n11\n[{\"model_params\":{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\","
                + "\"prompt\":\"hi\",\"api_port\":8000}}]5\n11\n{}");
        assertThat(Json.read(PackedBuffers.unpack(ours).get(0).substring(3)))
                .isEqualTo(Json.read(buffers.get(0).substring(3)));
    }
}
