package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.inferencegateway.json.Json;
import java.io.IOException;

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
     * The usage of a complete response body, read with the streaming parser: only the top-level {@code usage}
     * object is materialized, so a large answer (embeddings) is skipped over rather than built as a tree.
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
                    return of(NESTED.readTree(parser));
                }
                parser.skipChildren();
            }
            return NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    public boolean isKnown() {
        return this != NONE && totalTokens > 0;
    }
}
