package io.inferencegateway.gateway.auth.globus;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.inferencegateway.access.Sha256;
import io.inferencegateway.gateway.auth.AuthResult;
import io.inferencegateway.gateway.auth.AuthServiceUnavailable;
import io.inferencegateway.gateway.auth.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates Globus Auth access tokens as FIRST does: introspection with identity and session details, its
 * service-account, identity-provider and high-assurance checks ({@link TokenRules}), and the caller's groups through
 * a dependent token when a group rule or some resource restricts by group, then FIRST's group rules.
 *
 * <p>Answers are cached by SHA-256 of the token: a valid token until {@code min(positiveTtlCap, exp - now)}, a
 * refused one for {@code failureTtl}. Concurrent requests with the same uncached token share one introspection;
 * requests with other tokens never wait for it. Globus being unreachable is not an answer and is not cached.
 */
public final class GlobusAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(GlobusAuthenticator.class);

    /** A decision and how long it may be reused. */
    private record Verdict(AuthResult result, Duration ttl) {
    }

    private final GlobusAuthSettings settings;
    private final GlobusClient globus;
    private final TokenRules rules;
    private final Clock clock;
    private final AsyncCache<String, Verdict> cache;

    public GlobusAuthenticator(GlobusAuthSettings settings) {
        // Cache entries age by the monotonic ticker, so a wall-clock step cannot stretch a token's lifetime.
        this(settings, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With a clock of the caller's choosing that also ages the cache, so tests move time by hand. */
    public GlobusAuthenticator(GlobusAuthSettings settings, Clock clock) {
        this(settings, clock, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
    }

    private GlobusAuthenticator(GlobusAuthSettings settings, Clock clock, Ticker ticker) {
        this.settings = settings;
        this.globus = new GlobusClient(settings);
        this.rules = new TokenRules(settings);
        this.clock = clock;
        // An async cache holds a future per token: the map lock is held only to insert it, never during the
        // calls to Globus, so one slow introspection cannot block callers whose tokens share its hash bin.
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Verdict>writing((key, verdict) -> verdict.ttl()))
                .buildAsync();
    }

    @Override
    public AuthResult authenticate(String bearerToken) {
        // SHA-256: the token itself is never a cache key.
        String key = Sha256.hex(bearerToken);
        CompletableFuture<Verdict> mine = new CompletableFuture<>();
        CompletableFuture<Verdict> shared = cache.get(key, (k, executor) -> mine);
        if (shared == mine) {
            // This caller won the race: it asks Globus on its own (virtual) thread; the others wait on the future.
            try {
                mine.complete(decide(bearerToken));
            } catch (RuntimeException | Error e) {
                // Caffeine drops a future that fails, so the next request asks Globus again.
                mine.completeExceptionally(e);
            }
        }
        try {
            return shared.join().result();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        globus.close();
    }

    private Verdict decide(String token) {
        Instant now = clock.instant();
        Introspection introspection = Introspection.parse(globus.introspect(token));
        return switch (rules.check(introspection, now)) {
            case TokenRules.Failed failed -> rejected(failed.reason());
            case TokenRules.Passed passed -> {
                Optional<List<String>> groups = settings.groupsNeeded() ? groups(token) : Optional.of(List.of());
                if (groups.isEmpty()) {
                    yield rejected("Could not read your Globus group memberships: Globus would not let the gateway "
                            + "ask the Groups API on your behalf. Request the access token with the Groups API "
                            + "dependent scope.");
                }
                Optional<String> groupDenial = rules.groupDenial(passed.identity(), groups.get());
                if (groupDenial.isPresent()) {
                    yield rejected(groupDenial.get());
                }
                Duration untilExpiry = Duration.between(now, introspection.expiresAt().orElseThrow());
                Duration ttl = untilExpiry.compareTo(settings.positiveTtlCap()) < 0
                        ? untilExpiry : settings.positiveTtlCap();
                yield new Verdict(AuthResult.authenticated(passed.identity().toUser(groups.get())), ttl);
            }
        };
    }

    private Optional<List<String>> groups(String token) {
        return globus.groupsToken(token).flatMap(globus::myGroups);
    }

    private Verdict rejected(String reason) {
        LOG.debug("Globus token refused: {}", reason);
        return new Verdict(AuthResult.rejected(reason), settings.failureTtl());
    }

    /** How the settings read, for start-up logs. */
    @Override
    public String toString() {
        return "GlobusAuthenticator[" + settings + "]";
    }
}
