package io.inferencegateway.gateway.auth.globus;

import io.inferencegateway.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway checks Globus Auth access tokens.
 *
 * @param authUrl         Globus Auth base URL, e.g. {@code https://auth.globus.org}
 * @param groupsUrl       Globus Groups API base URL, e.g. {@code https://groups.api.globus.org}
 * @param clientId        the gateway's resource-server client id; tokens must be issued for it
 * @param clientSecret    that client's secret, sent as HTTP Basic credentials to Globus Auth
 * @param access          who may use the gateway: FIRST's domain, policy, group and service-account settings
 * @param groupsNeeded    whether to fetch the caller's Globus groups (two extra calls per new token, so only when the
 *                        access rules or some cluster or endpoint restrict by group); always true when
 *                        {@code access} has group rules
 * @param positiveTtlCap  longest time a valid token is trusted without asking Globus again (FIRST: 600 s)
 * @param failureTtl      how long a refused token stays refused without asking Globus again (FIRST: 60 s)
 * @param requestTimeout  how long one call to Globus may take before the service counts as unavailable
 */
public record GlobusAuthSettings(URI authUrl, URI groupsUrl, String clientId, String clientSecret,
                                 GlobusAccessRules access, boolean groupsNeeded,
                                 Duration positiveTtlCap, Duration failureTtl, Duration requestTimeout) {

    public static final URI DEFAULT_AUTH_URL = URI.create("https://auth.globus.org");
    public static final URI DEFAULT_GROUPS_URL = URI.create("https://groups.api.globus.org");
    public static final Duration DEFAULT_POSITIVE_TTL_CAP = Duration.ofSeconds(600);
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public GlobusAuthSettings {
        authUrl = baseUrl(authUrl, "authUrl");
        groupsUrl = baseUrl(groupsUrl, "groupsUrl");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        Objects.requireNonNull(access, "access");
        groupsNeeded = groupsNeeded || access.needsGroups();
        requirePositive(positiveTtlCap, "positiveTtlCap");
        requirePositive(failureTtl, "failureTtl");
        requirePositive(requestTimeout, "requestTimeout");
    }

    /** The production Globus services, FIRST's cache lifetimes and no domain, policy or group requirements. */
    public static GlobusAuthSettings of(String clientId, String clientSecret) {
        return new GlobusAuthSettings(DEFAULT_AUTH_URL, DEFAULT_GROUPS_URL, clientId, clientSecret,
                GlobusAccessRules.OPEN, false, DEFAULT_POSITIVE_TTL_CAP, DEFAULT_FAILURE_TTL, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * The settings named by the {@code GATEWAY_GLOBUS_*} variables, when {@code GATEWAY_GLOBUS_CLIENT_ID} is set.
     *
     * @throws IllegalArgumentException when the client id is set without a secret, or a value is malformed
     */
    public static Optional<GlobusAuthSettings> fromEnvironment(Environment env, boolean groupsNeeded) {
        Optional<String> clientId = env.get(Environment.GLOBUS_CLIENT_ID);
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        String secret = env.get(Environment.GLOBUS_CLIENT_SECRET).orElseThrow(() -> new IllegalArgumentException(
                Environment.GLOBUS_CLIENT_ID + " is set but " + Environment.GLOBUS_CLIENT_SECRET + " is not"));
        return Optional.of(new GlobusAuthSettings(
                env.get(Environment.GLOBUS_AUTH_URL).map(URI::create).orElse(DEFAULT_AUTH_URL),
                env.get(Environment.GLOBUS_GROUPS_URL).map(URI::create).orElse(DEFAULT_GROUPS_URL),
                clientId.get(), secret, GlobusAccessRules.fromEnvironment(env), groupsNeeded,
                DEFAULT_POSITIVE_TTL_CAP, DEFAULT_FAILURE_TTL, DEFAULT_REQUEST_TIMEOUT));
    }

    /** The same settings with {@code groupsNeeded} replaced. */
    public GlobusAuthSettings withGroupsNeeded(boolean needed) {
        return new GlobusAuthSettings(authUrl, groupsUrl, clientId, clientSecret, access, needed,
                positiveTtlCap, failureTtl, requestTimeout);
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "GlobusAuthSettings[auth " + authUrl + ", groups " + groupsUrl + ", client " + clientId
                + ", " + access + ", groups needed " + groupsNeeded
                + ", positive TTL cap " + positiveTtlCap + ", failure TTL " + failureTtl + "]";
    }

    private static URI baseUrl(URI url, String name) {
        Objects.requireNonNull(url, name);
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host, was " + url);
        }
        // Paths are appended to it, so a trailing slash would double up.
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
