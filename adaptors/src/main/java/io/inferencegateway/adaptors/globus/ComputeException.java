package io.inferencegateway.adaptors.globus;

/**
 * A failed call to Globus Compute or Globus Auth, already mapped to the HTTP status the gateway answers with
 * (503 when the service is unreachable or rate-limits us past the deadline, 504 on a timeout, 502 for a broken
 * answer, 500 for a configuration problem such as refused credentials).
 */
public class ComputeException extends Exception {

    private final int code;

    public ComputeException(int code, String message) {
        super(message);
        this.code = code;
    }

    public ComputeException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
