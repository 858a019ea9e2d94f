package io.inferencegateway.gateway.auth;

import io.inferencegateway.access.User;
import java.util.Objects;

/** What an {@link Authenticator} decided about a token: who it belongs to, or why it is refused. */
public sealed interface AuthResult {

    /** The token is valid and belongs to {@code user}. */
    record Authenticated(User user) implements AuthResult {

        public Authenticated {
            Objects.requireNonNull(user, "user");
        }
    }

    /** The token is refused; {@code reason} is shown to the caller, so it must not echo the token. */
    record Rejected(String reason) implements AuthResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static AuthResult authenticated(User user) {
        return new Authenticated(user);
    }

    static AuthResult rejected(String reason) {
        return new Rejected(reason);
    }
}
