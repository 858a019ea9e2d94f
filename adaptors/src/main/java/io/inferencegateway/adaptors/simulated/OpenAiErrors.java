package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds error bodies in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}. */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    /**
     * @param status  the HTTP status the body goes with; it picks OpenAI's error type
     * @param message what went wrong
     * @param param   the request field at fault, or null
     * @param code    a machine-readable code, or null
     */
    public static ObjectNode body(int status, String message, String param, String code) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type(status));
        error.put("param", param);
        error.put("code", code);
        return body;
    }

    private static String type(int status) {
        if (status == 429) {
            return "rate_limit_error";
        }
        if (status == 401) {
            return "authentication_error";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
}
