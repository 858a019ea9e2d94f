package io.inferencegateway.gateway.auth.globus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FIRST's checks on an introspected Globus token, in its order: active, not expired, meant for this gateway, an
 * identity from an allowed identity provider, the high-assurance policies. Pure: no I/O, time passed in.
 */
final class TokenRules {

    private static final String RELOGIN = " Log out at https://app.globus.org/logout, then authenticate again";

    /** The outcome of the checks: the identity to act as, or why the token is refused. */
    sealed interface Check {
    }

    record Passed(Identity identity) implements Check {
    }

    record Failed(String reason) implements Check {
    }

    private final GlobusAuthSettings settings;
    private final String scopePrefix;

    TokenRules(GlobusAuthSettings settings) {
        this.settings = settings;
        // Scopes of a Globus resource server are named after its client id.
        this.scopePrefix = "https://auth.globus.org/scopes/" + settings.clientId() + "/";
    }

    Check check(Introspection token, Instant now) {
        if (!token.active()) {
            return new Failed("Token is either not active or invalid.");
        }
        if (token.expiresAt().isEmpty() || !token.expiresAt().get().isAfter(now)) {
            return new Failed("Access token expired.");
        }
        if (!issuedForGateway(token)) {
            return new Failed("The access token was not issued for this gateway: request a token for the scope "
                    + scopePrefix + "action_all.");
        }
        Optional<Identity> identity = allowedIdentity(token);
        if (identity.isEmpty()) {
            return new Failed(domainDenial(token));
        }
        String username = identity.get().username();
        if (username.isBlank() || username.contains("<") || username.contains(">")) {
            return new Failed("The token's identity has no usable username.");
        }
        return policyDenial(token).<Check>map(Failed::new).orElseGet(() -> new Passed(identity.get()));
    }

    /**
     * FIRST leaves this to Globus Auth and checks nothing here; checking that {@code aud} names our client, or that a
     * scope of ours was granted, keeps out an active token that was issued for some other resource server.
     */
    private boolean issuedForGateway(Introspection token) {
        return token.audience().contains(settings.clientId())
                || token.scopes().stream().anyMatch(scope -> scope.startsWith(scopePrefix));
    }

    /**
     * The token's own identity ({@code sub}) when its domain is allowed; otherwise, as FIRST does, the first linked
     * identity from an allowed domain that authenticated in this session. The session entry is matched by identity
     * id, or by identity provider when the id is not in the set (FIRST matches by provider only).
     */
    private Optional<Identity> allowedIdentity(Introspection token) {
        Optional<Identity> own = token.identity(token.subject());
        if (settings.allowedDomains().isEmpty() || own.filter(this::allowed).isPresent()) {
            return own;
        }
        return sessionIdentities(token).stream().filter(this::allowed).findFirst();
    }

    private List<Identity> sessionIdentities(Introspection token) {
        List<Identity> identities = new ArrayList<>();
        for (Map.Entry<String, String> session : token.sessionIdentities().entrySet()) {
            token.identity(session.getKey())
                    .or(() -> token.identities().stream()
                            .filter(identity -> identity.idpId().equals(session.getValue())).findFirst())
                    .ifPresent(identities::add);
        }
        return identities;
    }

    private boolean allowed(Identity identity) {
        return settings.allowedDomains().contains(identity.domain());
    }

    private String domainDenial(Introspection token) {
        List<String> signedInAs = sessionIdentities(token).stream().map(Identity::describe).distinct().toList();
        if (signedInAs.isEmpty()) {
            signedInAs = token.identity(token.subject()).map(Identity::describe).stream().toList();
        }
        return "Permission denied. Must authenticate with " + String.join(", ", settings.allowedDomains())
                + ". Currently authenticated as " + (signedInAs.isEmpty() ? "an unknown identity"
                : String.join(", ", signedInAs)) + "." + RELOGIN + " with an allowed identity provider.";
    }

    /**
     * FIRST's rule: Globus evaluates the policies named in the introspection request, and every one of them must
     * be present in {@code policy_evaluations} with {@code evaluation: true}.
     */
    private Optional<String> policyDenial(Introspection token) {
        for (String policy : settings.policies()) {
            Boolean evaluation = token.policyEvaluations().get(policy);
            if (evaluation == null) {
                return Optional.of("Globus did not evaluate the authentication policy " + policy
                        + "; the token cannot be accepted.");
            }
            if (!evaluation) {
                return Optional.of("Permission denied by the gateway's authentication policy " + policy
                        + ", most likely because the high-assurance session timed out." + RELOGIN
                        + (settings.allowedDomains().isEmpty() ? "."
                        : " with " + String.join(", ", settings.allowedDomains()) + "."));
            }
        }
        return Optional.empty();
    }
}
