package io.inferencegateway.gateway.limits;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.util.Set;

/**
 * Token counts of one answer, from its {@code usage} object.
 *
 * @param promptTokens     tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens      both; what token limits count
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {

    public static final Usage NONE = new Usage(0, 0, 0);

    /** Reads one value out of a larger document: the rest of the document is not "trailing garbage" here. */
    private static final ObjectReader NESTED = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> COUNT_FIELDS = Set.of("prompt_tokens", "completion_tokens", "total_tokens",
            "input_tokens", "output_tokens");

    /** Reads an OpenAI {@code usage} object; missing fields count as 0, a missing total as the sum. */
    public static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        int prompt = usage.path("prompt_tokens").asInt(usage.path("input_tokens").asInt(0));
        int completion = usage.path("completion_tokens").asInt(usage.path("output_tokens").asInt(0));
        int total = usage.path("total_tokens").asInt(prompt + completion);
        return new Usage(prompt, completion, total);
    }

    /**
     * The usage of a complete response body, read with the streaming parser: a large answer (embeddings) is skipped
     * over rather than built as a tree, and of the top-level {@code usage} object only the counts {@link #of} reads
     * are kept, numbers as they come and anything else as the tree would hold it, so both read the same counts.
     */
    public static Usage fromResponse(String json) {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("usage".equals(field)) {
                    return parser.currentToken() == JsonToken.START_OBJECT ? of(counts(parser)) : NONE;
                }
                parser.skipChildren();
            }
            return NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The count fields of the usage object the parser stands at the start of. */
    private static ObjectNode counts(JsonParser parser) throws IOException {
        ObjectNode counts = Json.object();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!COUNT_FIELDS.contains(field)) {
                parser.skipChildren(); // details objects and the like
            } else if (value.isNumeric()) {
                // What asInt makes of every kind of number node: its int value, a fraction cut, a long wrapped.
                counts.put(field, parser.getNumberValue().intValue());
            } else {
                counts.set(field, NESTED.readTree(parser));
            }
        }
        return counts;
    }

    public boolean isKnown() {
        return this != NONE && totalTokens > 0;
    }
}
