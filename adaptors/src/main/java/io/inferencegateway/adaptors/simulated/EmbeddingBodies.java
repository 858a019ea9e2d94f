package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Renders an embeddings answer: one unit-length vector per input, a pure function of the input's content, so
 * equal inputs embed equally across requests and instances.
 */
final class EmbeddingBodies {

    /** Bounds one answer's size (a JSON tree of 4M floats is a few hundred megabytes). */
    static final int MAX_VALUES = 1 << 22;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EmbeddingBodies() {
    }

    static ObjectNode render(JsonNode body, String model, List<Prompt> inputs, SimulatedSettings settings) {
        int dimensions = dimensions(body, settings);
        if ((long) inputs.size() * dimensions > MAX_VALUES) {
            throw new InvalidRequestException("input", "The simulator returns at most " + MAX_VALUES
                    + " embedding values per request (inputs x dimensions).");
        }
        boolean base64 = base64(body);
        ObjectNode answer = NODES.objectNode();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        int promptTokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vector(inputs.get(i).hash(), dimensions);
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", encode(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            promptTokens += inputs.get(i).tokens();
        }
        answer.put("model", model);
        ObjectNode usage = answer.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return answer;
    }

    /** A pseudo-random direction, scaled to length 1 as real embedding models return them. */
    static float[] vector(long seed, int dimensions) {
        double[] raw = new double[dimensions];
        double squares = 0;
        for (int i = 0; i < dimensions; i++) {
            // The top 53 bits as a double in [-1, 1).
            raw[i] = (Hashing.mix(seed + 0x9E3779B97F4A7C15L * (i + 1L)) >>> 11) * 0x1.0p-52 - 1;
            squares += raw[i] * raw[i];
        }
        double norm = squares == 0 ? 1 : Math.sqrt(squares);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (raw[i] / norm);
        }
        return vector;
    }

    private static int dimensions(JsonNode body, SimulatedSettings settings) {
        JsonNode node = body.get("dimensions");
        if (node == null || node.isNull()) {
            return settings.embeddingDimensions();
        }
        if (!node.canConvertToExactIntegral() || node.asLong() < 1 || node.asLong() > SimulatedSettings.MAX_TOKENS) {
            throw new InvalidRequestException("dimensions", "'dimensions' must be an integer from 1 to "
                    + SimulatedSettings.MAX_TOKENS + ".");
        }
        return node.asInt();
    }

    private static boolean base64(JsonNode body) {
        String format = body.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw new InvalidRequestException("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
        }
        // OpenAI's Python client asks for base64 by default: little-endian float32, as OpenAI sends it.
        return format.equals("base64");
    }

    private static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
