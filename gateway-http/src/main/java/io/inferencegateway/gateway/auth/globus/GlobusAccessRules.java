package io.inferencegateway.gateway.auth.globus;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.config.Environment;
import io.inferencegateway.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the gateway with a Globus token: FIRST's access settings, one for one.
 *
 * @param allowedDomains   identity-provider domains (lower case) a caller must have signed in with this session;
 *                         empty = any ({@code GATEWAY_GLOBUS_ALLOWED_DOMAINS}, FIRST's {@code AUTHORIZED_IDP_DOMAINS})
 * @param policies         high-assurance policy ids every session must satisfy ({@code GATEWAY_GLOBUS_POLICIES},
 *                         FIRST's {@code GLOBUS_POLICIES})
 * @param requiredGroups   Globus group ids a caller must be in at least one of; empty = no such rule
 *                         ({@code GATEWAY_GLOBUS_GROUPS}, FIRST's {@code GLOBUS_GROUPS})
 * @param groupsPerDomain  for callers from these domains, groups they must be in at least one of
 *                         ({@code GATEWAY_GLOBUS_GROUPS_PER_IDP}, FIRST's {@code AUTHORIZED_GROUPS_PER_IDP})
 * @param serviceUsernames Globus service-account usernames ({@code <client id>@clients.auth.globus.org}) accepted
 *                         without a session identity or policy ({@code GATEWAY_GLOBUS_SERVICE_USERNAMES}, FIRST's
 *                         {@code AUTHORIZED_GLOBUS_SERVICE_USERNAMES})
 */
public record GlobusAccessRules(List<String> allowedDomains, List<String> policies, List<String> requiredGroups,
                                Map<String, List<String>> groupsPerDomain, List<String> serviceUsernames) {

    /** Any identity that signed in, no policy, no group. */
    public static final GlobusAccessRules OPEN =
            new GlobusAccessRules(List.of(), List.of(), List.of(), Map.of(), List.of());

    public GlobusAccessRules {
        allowedDomains = allowedDomains.stream().map(GlobusAccessRules::domain).toList();
        policies = List.copyOf(policies);
        requiredGroups = List.copyOf(requiredGroups);
        Map<String, List<String>> perDomain = new LinkedHashMap<>();
        groupsPerDomain.forEach((domain, groups) -> perDomain.put(domain(domain), List.copyOf(groups)));
        groupsPerDomain = Collections.unmodifiableMap(perDomain);
        serviceUsernames = List.copyOf(serviceUsernames);
    }

    /** Only identities from these domains, no other rule. */
    public static GlobusAccessRules domains(List<String> allowedDomains) {
        return new GlobusAccessRules(allowedDomains, List.of(), List.of(), Map.of(), List.of());
    }

    /**
     * The rules the {@code GATEWAY_GLOBUS_*} variables name, in FIRST's value formats: lists separated by commas,
     * semicolons or white space; groups per domain as JSON whose values are comma-separated strings or lists;
     * service usernames as a JSON list or a plain list.
     *
     * @throws IllegalArgumentException when a JSON value is malformed, naming the variable
     */
    public static GlobusAccessRules fromEnvironment(Environment env) {
        return new GlobusAccessRules(env.words(Environment.GLOBUS_ALLOWED_DOMAINS),
                env.words(Environment.GLOBUS_POLICIES), env.words(Environment.GLOBUS_GROUPS),
                groupsPerDomain(env), serviceUsernames(env));
    }

    /** Whether deciding on a token needs the caller's groups. */
    public boolean needsGroups() {
        return !requiredGroups.isEmpty() || !groupsPerDomain.isEmpty();
    }

    /**
     * The allowed domains as refusals name them. As FIRST does, domains whose users need a project's group are not
     * listed by name, so a refusal does not advertise them.
     */
    String describeAllowedDomains() {
        List<String> open = allowedDomains.stream().filter(domain -> !groupsPerDomain.containsKey(domain)).toList();
        if (open.size() == allowedDomains.size()) {
            return String.join(", ", allowedDomains);
        }
        return (open.isEmpty() ? "" : String.join(", ", open) + ", or ") + "providers with approved projects";
    }

    /** FIRST's group rules, in its order: the caller's domain's groups, then the global groups. */
    Optional<String> groupDenial(Identity identity, List<String> groups) {
        List<String> domainGroups = groupsPerDomain.get(identity.domain());
        if (domainGroups != null && domainGroups.stream().noneMatch(groups::contains)) {
            return Optional.of("Permission denied. User (" + identity.name() + " - " + identity.username()
                    + ") not part of the Globus Groups applied for " + identity.idpName() + ".");
        }
        if (!requiredGroups.isEmpty() && requiredGroups.stream().noneMatch(groups::contains)) {
            return Optional.of("User is not a member of an allowed Globus Group.");
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> groupsPerDomain(Environment env) {
        Map<String, List<String>> perDomain = new LinkedHashMap<>();
        env.get(Environment.GLOBUS_GROUPS_PER_IDP).ifPresent(text -> {
            JsonNode json = readJson(Environment.GLOBUS_GROUPS_PER_IDP, text);
            if (!json.isObject()) {
                throw new IllegalArgumentException(Environment.GLOBUS_GROUPS_PER_IDP
                        + " must be a JSON object {\"<domain>\": \"<group id>,<group id>\"}");
            }
            json.properties().forEach(entry -> {
                List<String> groups = items(entry.getValue());
                if (groups.isEmpty()) {
                    throw new IllegalArgumentException(Environment.GLOBUS_GROUPS_PER_IDP + ": domain "
                            + entry.getKey() + " names no group");
                }
                perDomain.put(entry.getKey(), groups);
            });
        });
        return perDomain;
    }

    private static List<String> serviceUsernames(Environment env) {
        return env.get(Environment.GLOBUS_SERVICE_USERNAMES)
                .map(text -> text.startsWith("[")
                        ? items(readJson(Environment.GLOBUS_SERVICE_USERNAMES, text))
                        : env.words(Environment.GLOBUS_SERVICE_USERNAMES))
                .orElse(List.of());
    }

    /** A comma-separated string (FIRST's form) or a JSON list of strings. */
    private static List<String> items(JsonNode value) {
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> items.add(item.asText().trim()));
        } else {
            for (String item : value.asText().split(",")) {
                items.add(item.trim());
            }
        }
        return items.stream().filter(item -> !item.isEmpty()).toList();
    }

    private static JsonNode readJson(String variable, String text) {
        try {
            return Json.read(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(variable + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String domain(String domain) {
        // Domains name DNS names, which are the same in any case.
        return domain.trim().toLowerCase(Locale.ROOT);
    }
}
