package io.inferencegateway.gateway.auth;

/**
 * The service that decides about tokens (Globus Auth, the key database) could not be asked. This says nothing
 * about the token, so it is never cached as a rejection and the caller gets a 503 to retry, not a 401.
 */
public final class AuthServiceUnavailable extends RuntimeException {

    public AuthServiceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public AuthServiceUnavailable(String message) {
        super(message);
    }
}
