package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client is told when the remote function raised. FIRST's {@code vllm_inference_function} wraps every
 * error in a new exception that ends with {@code Response time: ...}, so the traceback's last line says nothing;
 * the meaningful part is the last exception's whole text, and when vLLM refused the request (FIRST's
 * {@code API request failed with status code: 400} and {@code Response text: {...}}), vLLM's own status and
 * message: a prompt over the context length is the client's 400, as it would be from vLLM directly.
 *
 * @param status  the HTTP status to answer with: vLLM's 4xx, 502 for vLLM's 5xx, else 500
 * @param message the text for the client
 */
record RemoteFailure(int status, String message) {

    /** The longest message passed on; a traceback can quote a whole request. */
    static final int MAX_MESSAGE = 8_000;

    private static final String TRACEBACK = "Traceback (most recent call last):";
    private static final Pattern VLLM_STATUS = Pattern.compile("API request failed with status code: (\\d{3})");
    private static final Pattern RESPONSE_TEXT = Pattern.compile("(?m)^Response text: (.*)$");

    static RemoteFailure of(String failure) {
        String text = failure == null ? "" : failure.strip();
        if (text.isEmpty()) {
            return new RemoteFailure(500, "the remote function failed without a message");
        }
        String last = lastException(text);
        Matcher status = VLLM_STATUS.matcher(last);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            Matcher response = RESPONSE_TEXT.matcher(last);
            String said = response.find() ? vllmMessage(response.group(1).strip()) : "";
            if (code >= 400 && code < 500) {
                return new RemoteFailure(code, cut(said.isEmpty() ? last : said));
            }
            if (code >= 500) {
                return new RemoteFailure(502, cut("The model server answered " + code + (said.isEmpty() ? ""
                        : ": " + said)));
            }
        }
        return new RemoteFailure(500, cut(last));
    }

    /**
     * The text of the last exception of a Python traceback: the lines after the last {@code Traceback} header's
     * frames (which are indented), or the whole text when it is no traceback.
     */
    private static String lastException(String text) {
        int header = text.lastIndexOf(TRACEBACK);
        if (header < 0) {
            return text;
        }
        String[] lines = text.substring(header + TRACEBACK.length()).split("\n", -1);
        int first = 0;
        while (first < lines.length && (lines[first].isBlank() || Character.isWhitespace(lines[first].charAt(0)))) {
            first++;
        }
        String rest = String.join("\n", java.util.Arrays.copyOfRange(lines, first, lines.length)).strip();
        return rest.isEmpty() ? text : rest;
    }

    /** vLLM's {@code {"message": ...}} or {@code {"error": {"message": ...}}}, else the text as it is. */
    private static String vllmMessage(String responseText) {
        try {
            JsonNode body = Json.MAPPER.readTree(responseText);
            if (body != null && body.path("message").isTextual()) {
                return body.get("message").asText();
            }
            if (body != null && body.path("error").path("message").isTextual()) {
                return body.get("error").get("message").asText();
            }
        } catch (Exception e) {
            // not JSON: the text itself is the message
        }
        return responseText;
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
