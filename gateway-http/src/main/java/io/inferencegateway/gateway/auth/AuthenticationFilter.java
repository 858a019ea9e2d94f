package io.inferencegateway.gateway.auth;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** The first layer of every authenticated route: a Bearer token in, a {@link User} on the context out. */
public final class AuthenticationFilter {

    private static final String USER = "gateway.user";

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
        return authenticator.authenticate(token)
                .orElseThrow(() -> ApiException.unauthorized("Invalid, expired or revoked access token."));
    }
}
