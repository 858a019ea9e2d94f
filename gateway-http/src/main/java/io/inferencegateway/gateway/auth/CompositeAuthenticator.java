package io.inferencegateway.gateway.auth;

import io.inferencegateway.access.ApiKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes each token to the authenticator that can judge it: gateway API keys (they start with
 * {@link ApiKeys#PREFIX}) to {@code apiKeys}, every other token to {@code oauth} (Globus) when configured.
 * Routing by prefix means an API key is never sent to Globus, and a Globus token never costs a database query.
 */
public final class CompositeAuthenticator implements Authenticator {

    static final String NO_OAUTH = "Invalid access token: only gateway API keys (" + ApiKeys.PREFIX
            + "...) are accepted here.";

    private final Authenticator apiKeys;
    private final Optional<Authenticator> oauth;

    public CompositeAuthenticator(Authenticator apiKeys, Optional<Authenticator> oauth) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
    }

    @Override
    public AuthResult authenticate(String bearerToken) {
        if (bearerToken.startsWith(ApiKeys.PREFIX)) {
            return apiKeys.authenticate(bearerToken);
        }
        return oauth.map(authenticator -> authenticator.authenticate(bearerToken))
                .orElseGet(() -> AuthResult.rejected(NO_OAUTH));
    }

    @Override
    public void close() {
        try {
            oauth.ifPresent(Authenticator::close);
        } finally {
            apiKeys.close();
        }
    }
}
