package io.inferencegateway.validation;

/**
 * An inference request body that fails validation, worded like OpenAI's 400s: gateway-http answers it as a 400,
 * a batch worker turns the line into an error line with the same code and message.
 */
public final class RequestRejected extends RuntimeException {


    private final String code;
    private final String param;

    public RequestRejected(String code, String message, String param) {
        // Thrown for every bad request: no stack trace to fill.
        super(message, null, false, false);
        this.code = code;
        this.param = param;
    }

    /** Machine-readable code, e.g. {@code invalid_type}. */
    public String code() {
        return code;
    }

    /** The field at fault, e.g. {@code messages[0].role}, or null. */
    public String param() {
        return param;
    }

}
