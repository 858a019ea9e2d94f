package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SimulatedEmbeddingsTest {

    private final SimulatedModel model = new SimulatedModel(SimulatedSettings.DEFAULTS);

    private JsonNode answer(String body) {
        SimulatedReply reply;
        try {
            reply = model.respond("embeddings", Json.read(body));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(reply).isInstanceOf(SimulatedReply.Answer.class);
        return ((SimulatedReply.Answer) reply).body();
    }

    private static double norm(JsonNode vector) {
        double squares = 0;
        for (JsonNode value : vector) {
            squares += value.asDouble() * value.asDouble();
        }
        return Math.sqrt(squares);
    }

    @Test
    void embedsOneStringAsAUnitVector() {
        JsonNode body = answer("{\"model\": \"emb\", \"input\": \"The quick brown fox\"}");

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("model").asText()).isEqualTo("emb");
        JsonNode item = body.path("data").get(0);
        assertThat(item.path("object").asText()).isEqualTo("embedding");
        assertThat(item.path("index").asInt()).isZero();
        assertThat(item.path("embedding")).hasSize(16);
        assertThat(norm(item.path("embedding"))).isCloseTo(1.0, within(1e-5));
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void equalInputsEmbedEquallyWhateverTheirBatch() {
        JsonNode alone = answer("{\"model\": \"emb\", \"input\": \"beta\"}");
        JsonNode batch = answer("{\"model\": \"emb\", \"input\": [\"alpha\", \"beta\", \"alpha\"], \"stream\": true}");

        assertThat(batch.path("data")).hasSize(3);
        assertThat(batch.at("/data/1/embedding")).isEqualTo(alone.at("/data/0/embedding"));
        assertThat(batch.at("/data/2/embedding")).isEqualTo(batch.at("/data/0/embedding"));
        assertThat(batch.at("/data/0/embedding")).isNotEqualTo(batch.at("/data/1/embedding"));
        assertThat(batch.at("/data/2/index").asInt()).isEqualTo(2);
        assertThat(batch.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void acceptsTokenArrays() {
        JsonNode one = answer("{\"model\": \"emb\", \"input\": [5, 6, 7]}");
        JsonNode many = answer("{\"model\": \"emb\", \"input\": [[5, 6, 7], [8]]}");

        assertThat(one.path("data")).hasSize(1);
        assertThat(one.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(many.path("data")).hasSize(2);
        assertThat(many.at("/data/0/embedding")).isEqualTo(one.at("/data/0/embedding"));
        assertThat(many.at("/usage/total_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void honoursDimensionsAndBase64() {
        JsonNode floats = answer("{\"model\": \"emb\", \"input\": \"x\", \"dimensions\": 8}");
        JsonNode encoded = answer("{\"model\": \"emb\", \"input\": \"x\", \"dimensions\": 8, \"encoding_format\": \"base64\"}");

        assertThat(floats.at("/data/0/embedding")).hasSize(8);
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(8 * Float.BYTES);
        for (int i = 0; i < 8; i++) {
            assertThat(bytes.getFloat()).isEqualTo(floats.at("/data/0/embedding/" + i).floatValue());
        }
    }

    @Test
    void refusesMissingInputOrBadOptions() {
        assertThat(model.complete("embeddings", Json.read("{\"model\": \"emb\"}")).status()).isEqualTo(400);
        assertThat(model.complete("embeddings", Json.read("{\"input\": \"x\"}")).status()).isEqualTo(400);
        assertThat(model.complete("embeddings", Json.read("{\"model\": \"e\", \"input\": \"x\", \"dimensions\": 0}"))
                .status()).isEqualTo(400);
        assertThat(model.complete("embeddings",
                Json.read("{\"model\": \"e\", \"input\": \"x\", \"encoding_format\": \"hex\"}")).status()).isEqualTo(400);
        String inputs = Json.write(Collections.nCopies(EmbeddingBodies.MAX_VALUES / SimulatedSettings.MAX_TOKENS + 1, "a"));
        SimulatedReply tooBig = model.complete("embeddings", Json.read("{\"model\": \"e\", \"input\": " + inputs
                + ", \"dimensions\": " + SimulatedSettings.MAX_TOKENS + "}"));
        assertThat(tooBig).isInstanceOfSatisfying(SimulatedReply.Failure.class,
                failure -> assertThat(failure.body().at("/error/param").asText()).isEqualTo("input"));
    }
}
