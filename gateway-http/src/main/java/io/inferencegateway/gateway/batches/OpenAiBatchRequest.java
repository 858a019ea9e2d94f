package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.CompletionWindow;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.text.Excerpt;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/batches}, checked field by field against OpenAI's rules.
 *
 * @param inputFileId      the uploaded input file
 * @param route            the endpoint every line calls
 * @param completionWindow {@code 24h}, or another window from 1m to 7d
 * @param metadata         the client's string pairs, or null
 */
record OpenAiBatchRequest(String inputFileId, InferenceRoute route, CompletionWindow completionWindow,
                          Map<String, String> metadata) {

    /** The endpoints batches may call here, as OpenAI names them. */
    static final Map<String, InferenceRoute> ENDPOINTS = Map.of(
            "/v1/chat/completions", InferenceRoute.CHAT_COMPLETIONS,
            "/v1/completions", InferenceRoute.COMPLETIONS,
            "/v1/embeddings", InferenceRoute.EMBEDDINGS);
    static final int MAX_METADATA_PAIRS = 16;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 512;

    private static final Set<String> FIELDS = Set.of("input_file_id", "endpoint", "completion_window", "metadata",
            "output_expires_after");
    private static final List<String> ENDPOINT_NAMES = List.of("/v1/chat/completions", "/v1/completions",
            "/v1/embeddings");

    static OpenAiBatchRequest parse(ObjectNode body) {
        BodyFields.onlyKnown(body, FIELDS);
        if (body.has("output_expires_after")) {
            throw ApiException.badRequest("unsupported_parameter", "Unsupported parameter: 'output_expires_after' "
                    + "is not supported by this gateway; batch output files follow its retention policy.",
                    "output_expires_after");
        }
        String inputFileId = BodyFields.requiredString(body, "input_file_id");
        String endpoint = BodyFields.requiredString(body, "endpoint");
        InferenceRoute route = ENDPOINTS.get(endpoint);
        if (route == null) {
            throw BodyFields.invalidValue("endpoint", "Invalid value for 'endpoint': '" + Excerpt.of(endpoint)
                    + "'. This gateway runs batches on " + String.join(", ", ENDPOINT_NAMES) + ".");
        }
        CompletionWindow window = BodyFields.completionWindow(BodyFields.requiredString(body, "completion_window"));
        return new OpenAiBatchRequest(inputFileId, route, window, metadata(body.get("metadata")));
    }

    /** OpenAI's metadata: at most 16 pairs of strings, keys up to 64 characters and values up to 512. */
    private static Map<String, String> metadata(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw BodyFields.invalidType("metadata", "an object", value);
        }
        if (value.size() > MAX_METADATA_PAIRS) {
            throw BodyFields.invalidValue("metadata", "Invalid 'metadata': too many properties. Expected an object "
                    + "with at most " + MAX_METADATA_PAIRS + " properties, but got " + value.size() + ".");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (characters(key) > MAX_METADATA_KEY) {
                throw BodyFields.invalidValue("metadata", "Invalid 'metadata': the key '" + Excerpt.of(key)
                        + "' is " + characters(key) + " characters long; keys may be at most " + MAX_METADATA_KEY
                        + ".");
            }
            if (!field.getValue().isTextual()) {
                throw BodyFields.invalidType("metadata." + Excerpt.of(key), "a string", field.getValue());
            }
            String text = field.getValue().textValue();
            if (characters(text) > MAX_METADATA_VALUE) {
                throw BodyFields.invalidValue("metadata." + Excerpt.of(key), "Invalid 'metadata': the "
                        + "value of '" + Excerpt.of(key) + "' is " + characters(text) + " characters long; "
                        + "values may be at most " + MAX_METADATA_VALUE + ".");
            }
            metadata.put(key, text);
        }
        return metadata;
    }

    private static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The endpoint's OpenAI name, e.g. {@code /v1/chat/completions}. */
    String endpoint() {
        return "/v1/" + route.openaiEndpoint();
    }
}
