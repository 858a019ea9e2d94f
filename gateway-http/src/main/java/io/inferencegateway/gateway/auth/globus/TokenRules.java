package io.inferencegateway.gateway.auth.globus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FIRST's checks on an introspected Globus token, in its order: active, not expired, meant for this gateway, then
 * either an allowed service account or an identity that signed in this session from an allowed identity provider,
 * and the high-assurance policies; {@link #groupDenial} applies the group rules once the groups are known. Pure: no
 * I/O, time passed in.
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

    private final GlobusAccessRules access;
    private final String clientId;
    private final String scopePrefix;

    TokenRules(GlobusAuthSettings settings) {
        this.access = settings.access();
        this.clientId = settings.clientId();
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
        Optional<Identity> service = serviceAccount(token);
        if (service.isPresent()) {
            // FIRST: an allowed service account has no identity-provider session and no high-assurance policy.
            return new Passed(service.get());
        }
        Optional<Identity> identity = signedIn(token);
        if (identity.isEmpty()) {
            return new Failed(domainDenial(token));
        }
        String username = identity.get().username();
        if (username.isBlank() || username.contains("<") || username.contains(">")) {
            return new Failed("The token's identity has no usable username.");
        }
        return policyDenial(token).<Check>map(Failed::new).orElseGet(() -> new Passed(identity.get()));
    }

    /** FIRST's group rules for the identity that passed {@link #check}, given its groups. */
    Optional<String> groupDenial(Identity identity, List<String> groups) {
        return access.groupDenial(identity, groups);
    }

    /**
     * FIRST leaves this to Globus Auth and checks nothing here; checking that {@code aud} names our client, or that a
     * scope of ours was granted, keeps out an active token that was issued for some other resource server.
     */
    private boolean issuedForGateway(Introspection token) {
        return token.audience().contains(clientId)
                || token.scopes().stream().anyMatch(scope -> scope.startsWith(scopePrefix));
    }

    /**
     * FIRST's service-account rule: a token whose own username is an allowed service account's, with the client id,
     * name and issuer Globus gives every token, acts as that client (its id is the client id).
     */
    private Optional<Identity> serviceAccount(Introspection token) {
        Introspection.Claims claims = token.claims();
        if (claims.clientId().isEmpty() || claims.name().isEmpty() || claims.issuer().isEmpty()
                || !access.serviceUsernames().contains(claims.username())) {
            return Optional.empty();
        }
        return Optional.of(Identity.serviceAccount(claims.clientId(), claims.username(), claims.name(),
                claims.issuer()));
    }

    /**
     * The identity the caller signed in with this session: the first identity that authenticated in the session
     * from an allowed domain (FIRST's rule; the token's own identity counts only if it authenticated too). With no
     * domain rule, the first session identity, or the token's own when the session lists none.
     */
    private Optional<Identity> signedIn(Introspection token) {
        List<Identity> session = sessionIdentities(token);
        if (access.allowedDomains().isEmpty()) {
            return session.stream().findFirst().or(() -> token.identity(token.subject()));
        }
        return session.stream().filter(this::allowed).findFirst();
    }

    /**
     * The identities of {@code session_info.authentications}, in order. An entry is matched by identity id, or by
     * identity provider when the id is not in the identity set (FIRST matches by provider only).
     */
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
        return access.allowedDomains().contains(identity.domain());
    }

    private String domainDenial(Introspection token) {
        List<String> signedInAs = sessionIdentities(token).stream().map(Identity::describe).distinct().toList();
        return "Permission denied. Must authenticate with " + access.describeAllowedDomains()
                + ". Currently authenticated as " + (signedInAs.isEmpty() ? "Unknown (no active session found)"
                : String.join(", ", signedInAs)) + "." + RELOGIN + " with an allowed identity provider.";
    }

    /**
     * FIRST's rule: Globus evaluates the policies named in the introspection request, and every one of them must
     * be present in {@code policy_evaluations} with {@code evaluation: true}.
     */
    private Optional<String> policyDenial(Introspection token) {
        for (String policy : access.policies()) {
            Boolean evaluation = token.policyEvaluations().get(policy);
            if (evaluation == null) {
                return Optional.of("Globus did not evaluate the authentication policy " + policy
                        + "; the token cannot be accepted.");
            }
            if (!evaluation) {
                return Optional.of("Permission denied by the gateway's authentication policy " + policy
                        + ", most likely because the high-assurance session timed out." + RELOGIN
                        + (access.allowedDomains().isEmpty() ? "."
                        : " with " + access.describeAllowedDomains() + "."));
            }
        }
        return Optional.empty();
    }
}
