package io.inferencegateway.gateway.auth;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first layer of every authenticated route: a Bearer token in, a {@link User} on the context out. A refused
 * token is a 401 carrying the authenticator's reason; an unreachable authentication service is a 503.
 */
public final class AuthenticationFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);
    private static final String USER = "gateway.user";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** A route handler that runs {@code next} only for an authenticated caller. */
    public Handler require(Handler next) {
        return ctx -> {
            ctx.attribute(USER, authenticate(ctx.header("Authorization")));
            next.handle(ctx);
        };
    }

    /** The caller of a route wrapped by {@link #require}. */
    public static User user(Context ctx) {
        return ctx.attribute(USER);
    }

    private User authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized(
                    "Missing ('Authorization': 'Bearer <your-access-token>') in request headers.");
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw ApiException.unauthorized("The Authorization header must use the Bearer scheme: "
                    + "'Authorization: Bearer <your-access-token>'.");
        }
        String token = header.substring(space + 1).trim();
        if (token.isEmpty()) {
            throw ApiException.unauthorized("The Bearer token is empty.");
        }
        AuthResult result;
        try {
            result = authenticator.authenticate(token);
        } catch (AuthServiceUnavailable e) {
            LOG.warn("Authentication service unavailable: {}", e.getMessage(), e.getCause());
            throw new ApiException(503, "authentication_unavailable",
                    "Authentication service unavailable; retry shortly.", null, RETRY_AFTER_SECONDS);
        }
        return switch (result) {
            case AuthResult.Authenticated authenticated -> authenticated.user();
            case AuthResult.Rejected rejected -> throw ApiException.unauthorized(rejected.reason());
        };
    }
}
