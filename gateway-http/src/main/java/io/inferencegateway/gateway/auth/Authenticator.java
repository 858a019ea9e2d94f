package io.inferencegateway.gateway.auth;

/**
 * Turns a bearer token into a user. Implementations are pluggable (API keys, OAuth2 token introspection) and
 * must be safe to call concurrently from many virtual threads.
 */
public interface Authenticator extends AutoCloseable {

    /**
     * Who the token belongs to, or why it is refused (unknown, revoked, expired, not allowed).
     *
     * @throws AuthServiceUnavailable when the service that decides cannot be reached; the token may well be valid
     */
    AuthResult authenticate(String bearerToken);

    /** Releases what the authenticator holds (HTTP clients); nothing by default. */
    @Override
    default void close() {
    }
}
