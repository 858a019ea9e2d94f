package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
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
     * over rather than built as a tree, and the counts are read straight from the top-level {@code usage} object.
     * Counts are read as {@link #of} reads them: a number or a numeric string; anything else counts as absent.
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
                    return parser.currentToken() == JsonToken.START_OBJECT ? counts(parser) : NONE;
                }
                parser.skipChildren();
            }
            return NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The fields of the usage object the parser stands at the start of. */
    private static Usage counts(JsonParser parser) throws IOException {
        Integer prompt = null;
        Integer completion = null;
        Integer total = null;
        Integer input = null;
        Integer output = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            Integer count = count(parser);
            parser.skipChildren(); // details objects, and anything else that is not a count
            switch (field) {
                case "prompt_tokens" -> prompt = count;
                case "completion_tokens" -> completion = count;
                case "total_tokens" -> total = count;
                case "input_tokens" -> input = count;
                case "output_tokens" -> output = count;
                default -> { }
            }
        }
        int promptTokens = prompt != null ? prompt : input != null ? input : 0;
        int completionTokens = completion != null ? completion : output != null ? output : 0;
        return new Usage(promptTokens, completionTokens, total != null ? total : promptTokens + completionTokens);
    }

    /** A number (a fraction cut to its whole part) or a string holding an integer; null for anything else. */
    private static Integer count(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token.isNumeric()) {
            return parser.getNumberValue().intValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Integer.parseInt(parser.getText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public boolean isKnown() {
        return this != NONE && totalTokens > 0;
    }
}
