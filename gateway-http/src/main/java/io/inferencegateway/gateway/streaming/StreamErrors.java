package io.inferencegateway.gateway.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The in-band error events of FIRST's streaming relay: {@code {"object": "error", "message", "type", "param", "code"}}. */
final class StreamErrors {

    private StreamErrors() {
    }

    static String event(String message, String type, int code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "error");
        body.put("message", message);
        body.put("type", type);
        body.put("param", null);
        body.put("code", code);
        return Json.write(body);
    }

    static String authenticationFailed() {
        return event("Streaming authentication failed: Remote compute endpoint could not authenticate with streaming "
                + "API. Check INTERNAL_STREAMING_SECRET configuration.", "AuthenticationError", 401);
    }

    /**
     * What the remote function reported through {@code /error/}: passed on when it is already an OpenAI error
     * JSON, or when one follows {@code "Response text: "} (vLLM's answer); otherwise FIRST's generic error, since
     * the raw text may hold a traceback from the compute node.
     */
    static String fromRemote(String text) {
        String json = openAiError(text.strip());
        if (json == null) {
            int at = text.indexOf("Response text: ");
            json = at < 0 ? null : openAiError(text.substring(at + "Response text: ".length()).strip());
        }
        return json != null ? json
                : event("An error occurred during processing", "InternalServerError", 500);
    }

    private static String openAiError(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node != null && ("error".equals(node.path("object").asText()) || node.has("error"))) {
                return Json.write(node);
            }
        } catch (Exception e) {
            // not JSON
        }
        return null;
    }
}
