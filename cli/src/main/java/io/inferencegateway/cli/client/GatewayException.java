package io.inferencegateway.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

/**
 * A failure igw reports as one line on stderr and an exit code: the gateway's own error (OpenAI's
 * {@code {"error": {"message", "code", ...}}} or FIRST's {@code {"error": {"code", "message", "info"}}}), or why
 * the gateway could not be reached.
 */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED = 200;

    private final int exitCode;
    private final int status;
    private final String code;

    public GatewayException(int exitCode, int status, String code, String message) {
        super(message);
        this.exitCode = exitCode;
        this.status = status;
        this.code = code;
    }

    /** An error answer: the gateway's message, its status and code; 401 and 403 exit {@link ExitCodes#AUTH}. */
    public static GatewayException fromAnswer(int status, String body, URI uri) {
        int exitCode = status == 401 || status == 403 ? ExitCodes.AUTH : ExitCodes.GATEWAY_ERROR;
        JsonNode error = parse(body).path("error");
        String message = error.path("message").asText("");
        String code = error.path("code").isValueNode() ? error.path("code").asText("") : "";
        if (message.isBlank()) {
            String text = body == null ? "" : body.strip();
            message = uri.getPath() + " answered HTTP " + status
                    + (text.isEmpty() ? "" : ": " + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text));
            return new GatewayException(exitCode, status, code, message);
        }
        return new GatewayException(exitCode, status, code, message + " (HTTP " + status
                + (code.isBlank() ? "" : ", " + code) + ")");
    }

    /** The gateway at {@code base} could not be reached or did not answer in time. */
    public static GatewayException network(URI base, IOException cause) {
        String why = cause instanceof HttpTimeoutException ? "no answer in time"
                : cause instanceof ConnectException ? "connection refused"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        GatewayException e = new GatewayException(ExitCodes.NETWORK, 0, "", "cannot reach the gateway at " + base
                + ": " + why);
        e.initCause(cause);
        return e;
    }

    public static GatewayException usage(String message) {
        return new GatewayException(ExitCodes.USAGE, 0, "", message);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The gateway's error code ({@code batch_not_found}), empty when it gave none. */
    public String code() {
        return code;
    }
}
