package io.inferencegateway.worker.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.simulated.PromptTokens;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.json.Json;
import io.inferencegateway.registry.EndpointSlug;
import io.inferencegateway.text.Excerpt;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks input lines as OpenAI does before a batch runs: one JSON object per line with a unique {@code custom_id},
 * {@code method} POST, the batch's {@code url} and model, a body object and no streaming. A FIRST-style batch also
 * takes what FIRST's user guide writes: a line that is a bare request body, and a line without a {@code custom_id}
 * ({@code line-<number>} names both). Stateful (it remembers the custom ids it has seen, and sums the prompt tokens
 * the passed lines enqueue): one instance per pass over one input.
 */
public final class LineValidator {

    /** OpenAI's limit of requests per batch. */
    public static final int MAX_LINES = 50_000;
    /** The {@code custom_id} column's width. */
    static final int MAX_CUSTOM_ID = 512;
    /** Routes a line may name; the first part of OpenAI's list that the adaptors serve. */
    static final Set<String> ROUTES = Set.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings",
            "/v1/responses");

    private final String endpoint;
    private final String model;
    /** The batch's model as its endpoint names it: what a bare FIRST-style line is sent with. */
    private final String endpointModel;
    private final boolean anyRoute;
    private final Set<String> customIds = new HashSet<>();
    private long enqueuedTokens;

    /**
     * @param endpoint the batch's route, e.g. {@code /v1/chat/completions}
     * @param model    the batch's model
     * @param anyRoute FIRST-style batches name no endpoint: each line may use any supported route
     */
    public LineValidator(String endpoint, String model, boolean anyRoute) {
        this.endpoint = endpoint;
        this.model = EndpointSlug.normalizeModel(model);
        this.endpointModel = model;
        this.anyRoute = anyRoute;
    }

    /** A line that passed: what the lines topic needs. */
    public record ValidLine(String customId, int lineNumber, String url, ObjectNode body) {
        /** The adaptor route, e.g. {@code chat/completions}. */
        public String route() {
            return url.substring("/v1/".length());
        }
    }

    /** The outcome of one line: exactly one of {@code line} and {@code error} is set. */
    public record Checked(ValidLine line, BatchError error) {
    }

    public Checked check(String text, int lineNumber) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return fail("invalid_json_line", "This line is not parseable as valid JSON.", null, lineNumber);
        }
        if (anyRoute) {
            // FIRST's user guide writes lines as bare request bodies, and names none: read them as FIRST users mean.
            if (isBareBody((ObjectNode) node)) {
                Optional<String> url = routeOf(node);
                if (url.isEmpty()) {
                    return fail("invalid_request_line", "This line is neither a batch request (custom_id, method, "
                            + "url, body) nor a request body with 'messages', 'prompt' or 'input'.", null,
                            lineNumber);
                }
                ObjectNode body = (ObjectNode) node;
                if (!body.hasNonNull("model")) {
                    body.put("model", endpointModel);
                }
                node = Json.object().put("method", "POST").put("url", url.get()).set("body", body);
            }
            if (!node.hasNonNull("custom_id")) {
                ((ObjectNode) node).put("custom_id", "line-" + lineNumber);
            }
        }
        JsonNode customId = node.get("custom_id");
        if (customId == null || customId.isNull() || !customId.isTextual() || customId.asText().isEmpty()) {
            return fail("missing_required_parameter", "Missing required parameter: 'custom_id'.", "custom_id",
                    lineNumber);
        }
        String id = customId.asText();
        if (id.length() > MAX_CUSTOM_ID) {
            return fail("invalid_value", "custom_id must be at most " + MAX_CUSTOM_ID + " characters.", "custom_id",
                    lineNumber);
        }
        if (!customIds.add(id)) {
            return fail("duplicate_custom_id", "The custom_id for this request is a duplicate of another request. "
                    + "The custom_id parameter must be unique for each request in a batch.", "custom_id", lineNumber);
        }
        JsonNode method = node.get("method");
        if (method == null || method.isNull()) {
            return fail("missing_required_parameter", "Missing required parameter: 'method'.", "method", lineNumber);
        }
        if (!"POST".equals(method.asText())) {
            return fail("invalid_value", "Only POST is supported for method.", "method", lineNumber);
        }
        JsonNode url = node.get("url");
        if (url == null || url.isNull() || !url.isTextual()) {
            return fail("missing_required_parameter", "Missing required parameter: 'url'.", "url", lineNumber);
        }
        if (!ROUTES.contains(url.asText())) {
            return fail("invalid_url", "The URL provided for this request is not supported: '"
                    + Excerpt.of(url.asText()) + "'. Supported: " + String.join(", ", ROUTES.stream().sorted().toList()) + ".", "url", lineNumber);
        }
        if (!anyRoute && !url.asText().equals(endpoint)) {
            return fail("mismatched_endpoint", "The URL provided for this request does not match the batch endpoint '"
                    + endpoint + "'.", "url", lineNumber);
        }
        JsonNode body = node.get("body");
        if (body == null || body.isNull()) {
            return fail("missing_required_parameter", "Missing required parameter: 'body'.", "body", lineNumber);
        }
        if (!body.isObject()) {
            return fail("invalid_value", "body must be a JSON object.", "body", lineNumber);
        }
        JsonNode lineModel = body.get("model");
        if (lineModel == null || lineModel.isNull() || !lineModel.isTextual()) {
            return fail("missing_required_parameter", "Missing required parameter: 'body.model'.", "body.model",
                    lineNumber);
        }
        if (!EndpointSlug.normalizeModel(lineModel.asText()).equals(model)) {
            return fail("mismatched_model", "The model '" + Excerpt.of(lineModel.asText()) + "' of this request "
                    + "does not match the batch's model; a batch uses one model.", "body.model", lineNumber);
        }
        if (body.path("stream").asBoolean(false)) {
            return fail("invalid_value", "Streaming is not supported in batch requests.", "body.stream", lineNumber);
        }
        ValidLine valid = new ValidLine(id, lineNumber, url.asText(), (ObjectNode) body);
        enqueuedTokens += PromptTokens.estimate(valid.route(), body);
        return new Checked(valid, null);
    }

    private static boolean isBareBody(ObjectNode node) {
        return !node.has("body") && !node.has("url") && !node.has("method") && !node.has("custom_id");
    }

    /** The route a bare body's fields belong to. */
    private static Optional<String> routeOf(JsonNode body) {
        if (body.has("messages")) {
            return Optional.of("/v1/chat/completions");
        }
        if (body.has("prompt")) {
            return Optional.of("/v1/completions");
        }
        return body.has("input") ? Optional.of("/v1/embeddings") : Optional.empty();
    }

    /**
     * The prompt tokens of the lines that passed so far, by the simulator's count ({@link PromptTokens}): what the
     * batch queue budgets count.
     */
    public long enqueuedTokens() {
        return enqueuedTokens;
    }

    private static Checked fail(String code, String message, String param, int lineNumber) {
        return new Checked(null, new BatchError(code, message, param, lineNumber));
    }
}
