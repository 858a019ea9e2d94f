package io.inferencegateway.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.json.Json;
import io.inferencegateway.validation.InferenceRoute;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of randomly damaged valid requests (fixed seed, so a failure replays): each is accepted unchanged or
 * refused with a 400 carrying a known code, and nothing else ever escapes the parser.
 */
@Timeout(60)
class RandomMutationTest {

    private static final long SEED = 0x5EED_2024L;
    private static final int ROUNDS = 3000;
    private static final Set<String> CODES = Set.of("invalid_json", "missing_required_parameter", "invalid_type",
            "invalid_value", "unsupported_endpoint");

    /** Field names the validators look at, so that mutations land where the rules are. */
    private static final List<String> FIELDS = List.of("model", "messages", "role", "content", "type", "text",
            "image_url", "url", "detail", "input_audio", "format", "file", "tool_calls", "id", "function", "name",
            "arguments", "tool_call_id", "tools", "tool_choice", "parameters", "strict", "temperature", "top_p", "n",
            "stop", "stream", "stream_options", "include_usage", "logit_bias", "logprobs", "top_logprobs", "seed",
            "max_tokens", "response_format", "json_schema", "schema", "prompt", "input", "best_of", "top_k",
            "guided_choice", "guided_json", "priority", "dimensions", "encoding_format", "openai_endpoint");

    private static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "1", "2.0", "1.5",
            "129", "-1e300", "1e300", "9223372036854775807", "123456789012345678901234567890", "\"\"", "\"x\"",
            "\"function\"", "\"user\"", "\"assistant\"", "\"tool\"", "\"text\"", "\"image_url\"", "\"json_schema\"",
            "\"auto\"", "\"required\"", "[]", "[1]", "[\"a\"]", "[[]]", "[[1],[\"a\"]]", "{}", "{\"type\":\"function\"}",
            "{\"type\":\"text\",\"text\":\"x\"}", "{\"name\":\"f\"}", "[{\"role\":\"user\"}]", "{\"50256\":200}");

    private static final int[] BYTES = {'{', '}', '[', ']', ',', ':', '"', '\\', 'e', '-', '.', '1', 'n', 0x00, 0x1F,
        0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xFF};

    private final Random random = new Random(SEED);
    private final List<Object[]> seeds = ValidRequestsTest.requests().map(arguments -> arguments.get()).toList();

    @Test
    void damagedTreesAreAcceptedUnchangedOrRefusedWithA400() {
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Object[] seed = seeds.get(random.nextInt(seeds.size()));
            JsonNode tree = Json.read((String) seed[2]);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                mutate(tree);
            }
            refused += check((InferenceRoute) seed[1], Json.writeBytes(tree));
        }
        assertThat(refused).isBetween(ROUNDS / 10, ROUNDS - ROUNDS / 10);
    }

    @Test
    void damagedBytesAreAcceptedUnchangedOrRefusedWithA400() {
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Object[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] body = ((String) seed[2]).getBytes(StandardCharsets.UTF_8);
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                body = damage(body);
            }
            InferenceRoute route = InferenceRoute.values()[random.nextInt(InferenceRoute.values().length)];
            refused += check(route, body);
        }
        assertThat(refused).isGreaterThan(ROUNDS / 2);
    }

    /** Returns 1 when the body was refused, 0 when accepted; fails on anything else. */
    private static int check(InferenceRoute route, byte[] body) {
        String shown = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
        ObjectNode parsed;
        try {
            parsed = Bodies.PARSER.parse(route, Bodies.JSON, body);
        } catch (ApiException e) {
            assertThat(e.status()).as(shown).isEqualTo(400);
            assertThat(e.code()).as(shown).isIn(CODES);
            assertThat(e.getMessage()).as(shown).isNotBlank();
            if (!e.code().equals("invalid_json")) {
                assertThat(e.param()).as("param for %s: %s", e.getMessage(), shown).isNotBlank();
            }
            return 1;
        } catch (RuntimeException | StackOverflowError e) {
            return fail("%s on %s body %s", e, route, shown, e);
        }
        try {
            assertThat(parsed).as(shown).isEqualTo(Json.MAPPER.readTree(body));
        } catch (IOException e) {
            return fail("accepted a body Jackson cannot read: %s", shown, e);
        }
        return 0;
    }

    /** Replaces, removes or adds one field or item somewhere in the tree. */
    private void mutate(JsonNode tree) {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode value = Json.read(VALUES.get(random.nextInt(VALUES.size())));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (!names.isEmpty() && random.nextInt(3) == 0) {
                object.remove(names.get(random.nextInt(names.size())));
            } else if (!names.isEmpty() && random.nextBoolean()) {
                object.set(names.get(random.nextInt(names.size())), value);
            } else {
                object.set(FIELDS.get(random.nextInt(FIELDS.size())), value);
            }
        } else if (target instanceof ArrayNode array) {
            if (!array.isEmpty() && random.nextInt(3) == 0) {
                array.remove(random.nextInt(array.size()));
            } else if (!array.isEmpty() && random.nextBoolean()) {
                array.set(random.nextInt(array.size()), value);
            } else {
                array.add(value);
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    /** Overwrites, inserts or deletes a byte, or cuts the body short. */
    private byte[] damage(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        int at = random.nextInt(body.length);
        byte b = (byte) BYTES[random.nextInt(BYTES.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = body.clone();
                copy[at] = b;
                yield copy;
            }
            case 1 -> {
                byte[] longer = new byte[body.length + 1];
                System.arraycopy(body, 0, longer, 0, at);
                longer[at] = b;
                System.arraycopy(body, at, longer, at + 1, body.length - at);
                yield longer;
            }
            case 2 -> {
                byte[] shorter = new byte[body.length - 1];
                System.arraycopy(body, 0, shorter, 0, at);
                System.arraycopy(body, at + 1, shorter, at, body.length - at - 1);
                yield shorter;
            }
            default -> Arrays.copyOf(body, at);
        };
    }
}
