package io.inferencegateway.gateway.http;

import io.inferencegateway.json.Json;
import io.inferencegateway.text.Excerpt;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request it cannot parse (a bad request line, a header with a bare newline, headers too large),
 * which never reaches the routes, and to failures of its own outside them: the API family's JSON error instead of
 * Jetty's HTML page, so clients that parse {@code {"error": ...}} can still read it.
 */
public final class MalformedRequestErrors extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String reason = request.getAttribute(ERROR_MESSAGE) instanceof String message ? message : null;
        String path = request.getHttpURI().getPath();
        response.setStatus(status);
        response.getHeaders().put(JSON);
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        response.write(true, body(path, status, reason), callback);
        return true;
    }

    /** For failures Jetty answers before a request exists, such as a request line it cannot read. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        fields.put(ERROR_CACHE_CONTROL);
        return body(null, status, reason);
    }

    private static ByteBuffer body(String path, int status, String reason) {
        // Jetty's reason can quote what it could not parse.
        String detail = reason == null ? HttpStatus.getMessage(status) : Excerpt.of(reason);
        // Jetty sends its own server-side failures here too; those are not the client's fault.
        String message = (status < 500 ? "Malformed HTTP request: " : "The server failed: ") + detail + ".";
        ApiException error = new ApiException(status, code(status), message);
        return ByteBuffer.wrap(Json.writeBytes(ErrorRenderer.body(path == null ? "" : path, error)));
    }

    private static String code(int status) {
        return switch (status) {
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "server_error" : "bad_request";
        };
    }
}
