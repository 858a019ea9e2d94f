package io.inferencegateway.gateway.auth;

import io.inferencegateway.access.User;
import java.util.Optional;

/**
 * Turns a bearer token into a user. Implementations are pluggable (API keys, OAuth2 token introspection) and
 * must be safe to call concurrently from many virtual threads.
 */
public interface Authenticator {

    /** The user the token belongs to, or empty when the token is unknown, revoked or expired. */
    Optional<User> authenticate(String bearerToken);
}
