package io.inferencegateway.gateway.auth.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Globus settings from the environment, their defaults and their validation. */
class GlobusAuthSettingsTest {

    @Test
    void absentWithoutAClientId() {
        assertThat(GlobusAuthSettings.fromEnvironment(new Environment(Map.of()), true)).isEmpty();
    }

    @Test
    void defaultsToTheProductionServicesAndFirstsCacheLifetimes() {
        GlobusAuthSettings settings = GlobusAuthSettings.fromEnvironment(new Environment(Map.of(
                Environment.GLOBUS_CLIENT_ID, "client", Environment.GLOBUS_CLIENT_SECRET, "secret")), false)
                .orElseThrow();

        assertThat(settings.authUrl()).isEqualTo(URI.create("https://auth.globus.org"));
        assertThat(settings.groupsUrl()).isEqualTo(URI.create("https://groups.api.globus.org"));
        assertThat(settings.access()).isEqualTo(GlobusAccessRules.OPEN);
        assertThat(settings.groupsNeeded()).isFalse();
        assertThat(settings.positiveTtlCap()).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.failureTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsEveryVariable() {
        GlobusAuthSettings settings = GlobusAuthSettings.fromEnvironment(new Environment(Map.of(
                Environment.GLOBUS_CLIENT_ID, "client",
                Environment.GLOBUS_CLIENT_SECRET, "secret",
                Environment.GLOBUS_AUTH_URL, "http://127.0.0.1:9000/",
                Environment.GLOBUS_GROUPS_URL, "http://127.0.0.1:9001/groups",
                Environment.GLOBUS_ALLOWED_DOMAINS, " anl.gov, UChicago.edu ,,",
                Environment.GLOBUS_POLICIES, "policy-1,policy-2")), true).orElseThrow();

        assertThat(settings.authUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.groupsUrl()).isEqualTo(URI.create("http://127.0.0.1:9001/groups"));
        assertThat(settings.access().allowedDomains()).containsExactly("anl.gov", "uchicago.edu");
        assertThat(settings.access().policies()).containsExactly("policy-1", "policy-2");
        assertThat(settings.groupsNeeded()).isTrue();
        assertThat(settings.withGroupsNeeded(false).groupsNeeded()).isFalse();
    }

    /** Issue 21: an operator's FIRST values carry over as they are written in FIRST's .env. */
    @Test
    void readsFirstsAccessSettingsInFirstsFormats() {
        GlobusAuthSettings settings = GlobusAuthSettings.fromEnvironment(new Environment(Map.of(
                Environment.GLOBUS_CLIENT_ID, "client",
                Environment.GLOBUS_CLIENT_SECRET, "secret",
                Environment.GLOBUS_ALLOWED_DOMAINS, "\n         anl.gov\n         uchicago.edu\n         ",
                Environment.GLOBUS_POLICIES, "policy-1,policy-2",
                Environment.GLOBUS_GROUPS, "\n group-1\n group-2\n",
                Environment.GLOBUS_GROUPS_PER_IDP, "\n{\n  \"UChicago.edu\": \"project-1, project-2\"\n}\n",
                Environment.GLOBUS_SERVICE_USERNAMES, "[\"abc@clients.auth.globus.org\"]")), false).orElseThrow();

        GlobusAccessRules access = settings.access();
        assertThat(access.allowedDomains()).containsExactly("anl.gov", "uchicago.edu");
        assertThat(access.policies()).containsExactly("policy-1", "policy-2");
        assertThat(access.requiredGroups()).containsExactly("group-1", "group-2");
        assertThat(access.groupsPerDomain()).isEqualTo(Map.of("uchicago.edu", List.of("project-1", "project-2")));
        assertThat(access.serviceUsernames()).containsExactly("abc@clients.auth.globus.org");
        assertThat(settings.groupsNeeded()).as("group rules need the caller's groups").isTrue();
        assertThat(settings.withGroupsNeeded(false).groupsNeeded()).isTrue();
    }

    @Test
    void malformedAccessSettingsNameTheirVariable() {
        Map<String, String> base = Map.of(Environment.GLOBUS_CLIENT_ID, "client",
                Environment.GLOBUS_CLIENT_SECRET, "secret");
        List<Map.Entry<String, String>> malformed = List.of(
                Map.entry(Environment.GLOBUS_GROUPS_PER_IDP, "{\"anl.gov\": "),
                Map.entry(Environment.GLOBUS_GROUPS_PER_IDP, "[\"anl.gov\"]"),
                Map.entry(Environment.GLOBUS_GROUPS_PER_IDP, "{\"anl.gov\": \" , \"}"),
                Map.entry(Environment.GLOBUS_SERVICE_USERNAMES, "[\"svc@clients.auth.globus.org\""));
        for (Map.Entry<String, String> bad : malformed) {
            Map<String, String> variables = new HashMap<>(base);
            variables.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> GlobusAuthSettings.fromEnvironment(new Environment(variables), false))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void aClientIdWithoutASecretIsAnError() {
        assertThatThrownBy(() -> GlobusAuthSettings.fromEnvironment(new Environment(Map.of(
                Environment.GLOBUS_CLIENT_ID, "client")), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Environment.GLOBUS_CLIENT_SECRET);
    }

    @Test
    void rejectsMalformedValues() {
        URI auth = GlobusAuthSettings.DEFAULT_AUTH_URL;
        URI groups = GlobusAuthSettings.DEFAULT_GROUPS_URL;
        Duration minute = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new GlobusAuthSettings(URI.create("ftp://auth"), groups, "c", "s",
                GlobusAccessRules.OPEN, false, minute, minute, minute)).hasMessageContaining("authUrl");
        assertThatThrownBy(() -> new GlobusAuthSettings(auth, groups, " ", "s", GlobusAccessRules.OPEN, false,
                minute, minute, minute)).hasMessageContaining("clientId");
        assertThatThrownBy(() -> new GlobusAuthSettings(auth, groups, "c", "s", GlobusAccessRules.OPEN, false,
                Duration.ZERO, minute, minute)).hasMessageContaining("positiveTtlCap");
        assertThatThrownBy(() -> new GlobusAuthSettings(auth, groups, "c", "s", GlobusAccessRules.OPEN, false,
                minute, minute.negated(), minute)).hasMessageContaining("failureTtl");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(GlobusAuthSettings.of("client", "very-secret").toString()).contains("client")
                .doesNotContain("very-secret");
    }
}
