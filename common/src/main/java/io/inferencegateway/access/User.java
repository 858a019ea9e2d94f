package io.inferencegateway.access;

import java.util.List;
import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param id          stable identity (a Globus identity id, or the user id an API key was issued to)
 * @param name        display name
 * @param username    login name, usually {@code someone@domain}
 * @param groups      group ids the caller belongs to (Globus group UUIDs)
 * @param domain      the identity provider's domain, matched against {@code allowed_domains}
 * @param idpId       identity provider id, may be empty
 * @param idpName     identity provider name, may be empty
 * @param authService how the caller was authenticated: {@code api_key} or {@code globus}
 */
public record User(String id, String name, String username, List<String> groups, String domain, String idpId,
                   String idpName, String authService) {

    public User {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        username = username == null ? "" : username;
        groups = groups == null ? List.of() : List.copyOf(groups);
        domain = domain == null ? "" : domain;
        idpId = idpId == null ? "" : idpId;
        idpName = idpName == null ? "" : idpName;
        authService = authService == null ? "" : authService;
    }

    /** The part of a username after its last {@code @}, or empty. */
    public static String domainOf(String username) {
        int at = username == null ? -1 : username.lastIndexOf('@');
        return at < 0 ? "" : username.substring(at + 1);
    }
}
