package io.inferencegateway.access;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * FIRST's permission rule for clusters and endpoints: a non-empty {@code allowed_globus_groups} requires a shared
 * group, a non-empty {@code allowed_domains} requires the caller's domain; empty lists restrict nothing.
 */
public final class Permission {

    private Permission() {
    }

    /** Why {@code user} may not use a resource with these lists, or empty when they may. */
    public static Optional<String> denial(List<String> allowedGroups, List<String> allowedDomains, User user) {
        if (!allowedGroups.isEmpty() && Collections.disjoint(allowedGroups, user.groups())) {
            return Optional.of("Permission denied due to Globus Group restrictions.");
        }
        if (!allowedDomains.isEmpty() && !allowedDomains.contains(user.domain())) {
            return Optional.of("Permission denied due to IdP domain restrictions.");
        }
        return Optional.empty();
    }

    public static boolean permits(List<String> allowedGroups, List<String> allowedDomains, User user) {
        return denial(allowedGroups, allowedDomains, user).isEmpty();
    }
}
