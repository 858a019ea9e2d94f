package io.inferencegateway.gateway.http;

import java.util.Map;

/**
 * A request the gateway answers with an error. Rendered in the caller's API family: FIRST's
 * {@code {"error": {"code", "message", "info"}}} under {@code /resource_server}, OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}} elsewhere.
 *
 * @see ErrorRenderer
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;
    private final String retryAfterSeconds;
    private final String firstCode;
    private final Map<String, Object> info;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    public ApiException(int status, String code, String message, String param, String retryAfterSeconds) {
        this(status, code, message, param, retryAfterSeconds, code, param == null ? Map.of() : Map.of("param", param));
    }

    private ApiException(int status, String code, String message, String param, String retryAfterSeconds,
                         String firstCode, Map<String, Object> info) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
        this.firstCode = firstCode;
        this.info = Map.copyOf(info);
    }

    /**
     * The same error, told under FIRST's routes with FIRST's own code and {@code info} where FIRST's differ from
     * ours (a backend's failure is FIRST's {@code internal_endpoint_error}; a timeout carries {@code task_id}).
     */
    public ApiException inFirstTerms(String firstCode, Map<String, Object> info) {
        return new ApiException(status, code, getMessage(), param, retryAfterSeconds, firstCode, info);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "permission_denied", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException badRequest(String code, String message, String param) {
        return new ApiException(400, code, message, param, null);
    }

    public int status() {
        return status;
    }

    /** Machine-readable code, e.g. {@code cluster_not_found}. */
    public String code() {
        return code;
    }

    /** The code under FIRST's routes: {@link #code()} unless {@link #inFirstTerms} says otherwise. */
    public String firstCode() {
        return firstCode;
    }

    /** FIRST's {@code info} object: the field at fault, or what {@link #inFirstTerms} gave. */
    public Map<String, Object> info() {
        return info;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }

    /** Value for a {@code Retry-After} header, or null. */
    public String retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
