package io.inferencegateway.gateway.validation;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.text.Excerpt;
import java.util.Locale;

/**
 * Accepts the request's {@code Content-Type}: absent, or {@code application/json} with an optional UTF-8 charset.
 * The usual miss is {@code curl -d} without {@code -H}, which sends a form type, so the message says what to send.
 */
final class ContentTypes {

    private ContentTypes() {
    }

    static void check(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw unsupported("Unsupported Content-Type '" + Excerpt.of(contentType.strip())
                    + "': send the body as JSON with 'Content-Type: application/json'.");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                // RFC 8259: JSON exchanged between systems is UTF-8; any other declared charset means a client bug.
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw unsupported("Unsupported charset '" + Excerpt.of(charset)
                            + "': the request body must be UTF-8 JSON.");
                }
            }
        }
    }

    private static ApiException unsupported(String message) {
        return new ApiException(415, "unsupported_media_type", message);
    }
}
