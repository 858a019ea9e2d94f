package io.inferencegateway.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.inferencegateway.access.Sha256;
import io.inferencegateway.access.User;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.DataAccessException;
import java.time.Duration;
import java.util.Optional;

/**
 * Authenticates API keys against PostgreSQL, caching answers so the hot path does not touch the database:
 * known keys for {@code positiveTtl} (so a revocation takes effect within it), unknown keys briefly.
 */
public final class ApiKeyAuthenticator implements Authenticator {

    static final String REJECTION = "Invalid, expired or revoked API key.";

    private final ApiKeyRepository keys;
    private final Cache<String, Optional<User>> cache;

    public ApiKeyAuthenticator(ApiKeyRepository keys, Duration positiveTtl, Duration negativeTtl) {
        this.keys = keys;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Optional<User>>writing(
                        (key, user) -> user.isPresent() ? positiveTtl : negativeTtl))
                .build();
    }

    @Override
    public AuthResult authenticate(String bearerToken) {
        Optional<User> user;
        try {
            // Cache by hash: the plain key never sits in memory longer than the request that carried it.
            user = cache.get(Sha256.hex(bearerToken), hash -> keys.findUser(bearerToken));
        } catch (DataAccessException e) {
            // A database outage says nothing about the key, and Caffeine caches nothing when the loader throws.
            throw new AuthServiceUnavailable("The API key database cannot be reached.", e);
        }
        return user.map(AuthResult::authenticated).orElseGet(() -> AuthResult.rejected(REJECTION));
    }

    /** Forgets every cached answer, e.g. right after a key was revoked in this process. */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
