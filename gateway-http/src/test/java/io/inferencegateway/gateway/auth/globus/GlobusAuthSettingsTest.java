package io.inferencegateway.gateway.auth.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.config.Environment;
import java.net.URI;
import java.time.Duration;
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
        assertThat(settings.allowedDomains()).isEmpty();
        assertThat(settings.policies()).isEmpty();
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
        assertThat(settings.allowedDomains()).containsExactly("anl.gov", "uchicago.edu");
        assertThat(settings.policies()).containsExactly("policy-1", "policy-2");
        assertThat(settings.groupsNeeded()).isTrue();
        assertThat(settings.withGroupsNeeded(false).groupsNeeded()).isFalse();
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
        assertThatThrownBy(() -> new GlobusAuthSettings(URI.create("ftp://auth"), groups, "c", "s", List.of(),
                List.of(), false, minute, minute, minute)).hasMessageContaining("authUrl");
        assertThatThrownBy(() -> new GlobusAuthSettings(auth, groups, " ", "s", List.of(), List.of(), false,
                minute, minute, minute)).hasMessageContaining("clientId");
        assertThatThrownBy(() -> new GlobusAuthSettings(auth, groups, "c", "s", List.of(), List.of(), false,
                Duration.ZERO, minute, minute)).hasMessageContaining("positiveTtlCap");
        assertThatThrownBy(() -> new GlobusAuthSettings(auth, groups, "c", "s", List.of(), List.of(), false,
                minute, minute.negated(), minute)).hasMessageContaining("failureTtl");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(GlobusAuthSettings.of("client", "very-secret").toString()).contains("client")
                .doesNotContain("very-secret");
    }
}
