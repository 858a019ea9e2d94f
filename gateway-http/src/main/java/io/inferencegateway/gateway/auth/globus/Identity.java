package io.inferencegateway.gateway.auth.globus;

import io.inferencegateway.access.User;
import java.util.List;
import java.util.Locale;

/**
 * One Globus identity from an introspection's {@code identity_set_detail}.
 *
 * @param id       the identity's {@code sub}
 * @param username e.g. {@code someone@anl.gov}
 * @param name     display name, may be empty
 * @param idpId    {@code identity_provider}
 * @param idpName  {@code identity_provider_display_name}
 */
record Identity(String id, String username, String name, String idpId, String idpName) {

    /**
     * A Globus service account (a confidential client) as FIRST records one: its client id as the id, the
     * username's domain as the identity provider, named by the token's issuer.
     */
    static Identity serviceAccount(String clientId, String username, String name, String issuer) {
        return new Identity(clientId, username, name, User.domainOf(username).toLowerCase(Locale.ROOT), issuer);
    }

    /** The username's domain in lower case, as matched against allowed domains. */
    String domain() {
        return User.domainOf(username).toLowerCase(Locale.ROOT);
    }

    /** {@code Name (username)}, for messages that tell a caller who they are signed in as. */
    String describe() {
        return name.isEmpty() ? username : name + " (" + username + ")";
    }

    User toUser(List<String> groups) {
        return new User(id, name, username, groups, domain(), idpId, idpName, "globus");
    }
}
