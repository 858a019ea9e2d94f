package io.inferencegateway.gateway.auth.globus;

import static io.inferencegateway.gateway.auth.globus.GlobusSetup.NOW;
import static io.inferencegateway.gateway.auth.globus.GlobusSetup.settings;
import static io.inferencegateway.testsupport.globus.GlobusTokens.ANL_IDP;
import static io.inferencegateway.testsupport.globus.GlobusTokens.GLOBUSID_IDP;
import static io.inferencegateway.testsupport.globus.GlobusTokens.GOOGLE_IDP;
import static io.inferencegateway.testsupport.globus.GlobusTokens.UCHICAGO_IDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthResult;
import io.inferencegateway.gateway.auth.AuthServiceUnavailable;
import io.inferencegateway.testsupport.globus.FakeGlobusAuth;
import io.inferencegateway.testsupport.globus.GlobusTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a Globus token is worth, decided against a fake Globus Auth that checks every request's shape. */
class GlobusAuthenticatorTest {

    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
    private static final String ALICE = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String ALICE_AT_ANL = "aaaaaaaa-0000-0000-0000-000000000002";
    private static final String ALICE_AT_GLOBUSID = "aaaaaaaa-0000-0000-0000-000000000003";
    private static final String BOB_AT_UCHICAGO = "bbbbbbbb-0000-0000-0000-000000000001";
    private static final String CAROL_AT_UCHICAGO = "cccccccc-0000-0000-0000-000000000001";

    private final MutableClock clock = new MutableClock(NOW);
    private FakeGlobusAuth fake;
    private GlobusAuthenticator authenticator;

    @AfterEach
    void close() {
        if (authenticator != null) {
            authenticator.close();
        }
        if (fake != null) {
            assertThat(fake.violations()).as("requests of the wrong shape").isEmpty();
            fake.close();
        }
    }

    private GlobusAuthenticator start(List<String> domains, List<String> policies, boolean groups) throws Exception {
        return start(new GlobusAccessRules(domains, policies, List.of(), Map.of(), List.of()), groups);
    }

    private GlobusAuthenticator start(GlobusAccessRules access, boolean groups) throws Exception {
        fake = new FakeGlobusAuth(access.policies());
        authenticator = new GlobusAuthenticator(settings(fake, access, groups), clock);
        return authenticator;
    }

    @Test
    void anActiveTokenIsItsIdentitysUser() throws Exception {
        start(List.of(), List.of(), false);
        fake.introspection("tok", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR).json());

        User user = authenticated(authenticator.authenticate("tok"));

        assertThat(user).isEqualTo(new User(ALICE, "Name of " + ALICE, "alice@anl.gov", List.of(), "anl.gov",
                ANL_IDP, "Display " + ANL_IDP, "globus"));
        assertThat(fake.requests()).as("groups are not fetched when nothing restricts by group").isEqualTo(1);
    }

    @Test
    void groupsComeFromTheGroupsApiThroughADependentToken() throws Exception {
        start(List.of(), List.of(), true);
        fake.introspection("tok", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR).json())
                .groups("tok", "groups-token-for-alice", List.of("group-1", "group-2"));

        User user = authenticated(authenticator.authenticate("tok"));

        assertThat(user.groups()).containsExactly("group-1", "group-2");
        assertThat(fake.requests()).as("introspect, dependent grant, my_groups").isEqualTo(3);
    }

    @Test
    void aTokenGlobusWillNotExchangeForAGroupsTokenIsRejected() throws Exception {
        start(List.of(), List.of(), true);
        fake.introspection("tok", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR).json());

        assertThat(rejection(authenticator.authenticate("tok"))).contains("group memberships");
    }

    @Test
    void anInactiveTokenIsRejected() throws Exception {
        start(List.of(), List.of(), false);

        assertThat(rejection(authenticator.authenticate("unknown-token"))).contains("not active");
    }

    @Test
    void anExpiredTokenIsRejectedEvenIfGlobusCallsItActive() throws Exception {
        start(List.of(), List.of(), false);
        fake.introspection("old", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, NOW.minusSeconds(1)).json())
                .introspection("now", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, NOW).json());

        assertThat(rejection(authenticator.authenticate("old"))).isEqualTo("Access token expired.");
        assertThat(rejection(authenticator.authenticate("now"))).isEqualTo("Access token expired.");
    }

    @Test
    void aTokenForAnotherResourceServerIsRejected() throws Exception {
        start(List.of(), List.of(), false);
        fake.introspection("other", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                .audience("99999999-other-client", "transfer.api.globus.org")
                .scope("urn:globus:auth:scope:transfer.api.globus.org:all").json());

        assertThat(rejection(authenticator.authenticate("other"))).contains("not issued for this gateway");
    }

    @Test
    void aScopeOfTheGatewaySufficesWhenTheAudienceNamesItsResourceServerOnly() throws Exception {
        start(List.of(), List.of(), false);
        fake.introspection("ours", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                .audience("inference_gateway").json());

        assertThat(authenticated(authenticator.authenticate("ours")).id()).isEqualTo(ALICE);
    }

    @Test
    void anIdentityFromADomainNotAllowedIsRejectedNamingWhoTheCallerIs() throws Exception {
        start(List.of("anl.gov"), List.of(), false);
        fake.introspection("gmail", GlobusTokens.active(ALICE, "alice@gmail.com", GOOGLE_IDP, IN_AN_HOUR).json());

        assertThat(rejection(authenticator.authenticate("gmail")))
                .contains("Must authenticate with anl.gov")
                .contains("Currently authenticated as Name of " + ALICE + " (alice@gmail.com)");
    }

    @Test
    void aLinkedIdentityFromAnAllowedDomainThatAuthenticatedInThisSessionCounts() throws Exception {
        start(List.of("anl.gov"), List.of(), false);
        fake.introspection("linked", GlobusTokens.active(ALICE, "alice@gmail.com", GOOGLE_IDP, IN_AN_HOUR)
                .identity(ALICE_AT_ANL, "alice@anl.gov", ANL_IDP)
                .authenticatedInSession(ALICE_AT_ANL, ANL_IDP).json());

        User user = authenticated(authenticator.authenticate("linked"));

        // As in FIRST, the caller acts as the allowed identity that signed in.
        assertThat(user.id()).isEqualTo(ALICE_AT_ANL);
        assertThat(user.username()).isEqualTo("alice@anl.gov");
        assertThat(user.domain()).isEqualTo("anl.gov");
        assertThat(user.idpId()).isEqualTo(ANL_IDP);
    }

    @Test
    void aLinkedIdentityThatDidNotAuthenticateInThisSessionDoesNotCount() throws Exception {
        start(List.of("anl.gov"), List.of(), false);
        fake.introspection("linked", GlobusTokens.active(ALICE, "alice@gmail.com", GOOGLE_IDP, IN_AN_HOUR)
                .identity(ALICE_AT_ANL, "alice@anl.gov", ANL_IDP).json());

        assertThat(rejection(authenticator.authenticate("linked"))).contains("Must authenticate with anl.gov");
    }

    /** Issue 21: the token's own identity is in an allowed domain, but this session signed in with another one. */
    @Test
    void anAllowedIdentityThatDidNotSignInThisSessionDoesNotCount() throws Exception {
        start(List.of("anl.gov"), List.of(), false);
        fake.introspection("elsewhere", GlobusTokens.active(ALICE_AT_ANL, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                .noSessionAuthentications()
                .identity(ALICE_AT_GLOBUSID, "alice@globusid.org", GLOBUSID_IDP)
                .authenticatedInSession(ALICE_AT_GLOBUSID, GLOBUSID_IDP).json());

        assertThat(rejection(authenticator.authenticate("elsewhere")))
                .contains("Must authenticate with anl.gov")
                .contains("Currently authenticated as Name of " + ALICE_AT_GLOBUSID + " (alice@globusid.org)");
    }

    @Test
    void aSessionThatAuthenticatedNoIdentityIsRefusedWhenDomainsAreRestricted() throws Exception {
        start(List.of("anl.gov"), List.of(), false);
        fake.introspection("no-session", GlobusTokens.active(ALICE_AT_ANL, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                .noSessionAuthentications().json());

        assertThat(rejection(authenticator.authenticate("no-session")))
                .contains("Must authenticate with anl.gov")
                .contains("Currently authenticated as Unknown (no active session found)");
    }

    @Test
    void withoutADomainRuleTheCallerActsAsTheIdentityThatSignedIn() throws Exception {
        start(List.of(), List.of(), false);
        fake.introspection("linked", GlobusTokens.active(ALICE, "alice@gmail.com", GOOGLE_IDP, IN_AN_HOUR)
                .noSessionAuthentications()
                .identity(ALICE_AT_ANL, "alice@anl.gov", ANL_IDP)
                .authenticatedInSession(ALICE_AT_ANL, ANL_IDP).json());

        assertThat(authenticated(authenticator.authenticate("linked")).username()).isEqualTo("alice@anl.gov");
    }

    @Test
    void anAllowedServiceAccountNeedsNoSessionIdentityNorPolicy() throws Exception {
        String client = "dddddddd-0000-0000-0000-000000000001";
        String username = client + "@clients.auth.globus.org";
        String other = "dddddddd-0000-0000-0000-000000000002";
        start(new GlobusAccessRules(List.of("anl.gov"), List.of("policy-1"), List.of(), Map.of(),
                List.of(username)), false);
        fake.introspection("service", GlobusTokens.active(client, username, "idp-clients", IN_AN_HOUR)
                        .noSessionAuthentications().clientId(client).json())
                .introspection("other-service", GlobusTokens.active(other, other + "@clients.auth.globus.org",
                        "idp-clients", IN_AN_HOUR).noSessionAuthentications().clientId(other).json());

        assertThat(authenticated(authenticator.authenticate("service"))).isEqualTo(new User(client,
                "Name of " + client, username, List.of(), "clients.auth.globus.org", "clients.auth.globus.org",
                "https://auth.globus.org", "globus"));
        assertThat(rejection(authenticator.authenticate("other-service"))).contains("Must authenticate with anl.gov");
    }

    @Test
    void aDomainsGroupsAreRequiredOfItsCallersOnly() throws Exception {
        start(new GlobusAccessRules(List.of("anl.gov", "uchicago.edu"), List.of(), List.of(),
                Map.of("uchicago.edu", List.of("project-1")), List.of()), false);
        fake.introspection("member", GlobusTokens.active(BOB_AT_UCHICAGO, "bob@uchicago.edu", UCHICAGO_IDP,
                        IN_AN_HOUR).json())
                .groups("member", "groups-member", List.of("other", "project-1"))
                .introspection("outsider", GlobusTokens.active(CAROL_AT_UCHICAGO, "carol@uchicago.edu",
                        UCHICAGO_IDP, IN_AN_HOUR).json())
                .groups("outsider", "groups-outsider", List.of("other"))
                .introspection("anl", GlobusTokens.active(ALICE_AT_ANL, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                        .json())
                .groups("anl", "groups-anl", List.of())
                .introspection("gmail", GlobusTokens.active(ALICE, "alice@gmail.com", GOOGLE_IDP, IN_AN_HOUR)
                        .json());

        assertThat(authenticated(authenticator.authenticate("member")).groups()).contains("project-1");
        assertThat(rejection(authenticator.authenticate("outsider"))).isEqualTo("Permission denied. User (Name of "
                + CAROL_AT_UCHICAGO + " - carol@uchicago.edu) not part of the Globus Groups applied for Display "
                + UCHICAGO_IDP + ".");
        assertThat(authenticated(authenticator.authenticate("anl")).id()).isEqualTo(ALICE_AT_ANL);
        // As FIRST, a refusal does not name the domains that need a project's group.
        assertThat(rejection(authenticator.authenticate("gmail")))
                .contains("Must authenticate with anl.gov, or providers with approved projects.")
                .doesNotContain("uchicago");
    }

    @Test
    void everyCallerMustBeInOneOfTheGatewaysGroups() throws Exception {
        start(new GlobusAccessRules(List.of(), List.of(), List.of("group-1", "group-2"), Map.of(), List.of()),
                false);
        fake.introspection("member", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR).json())
                .groups("member", "groups-member", List.of("group-2"))
                .introspection("outsider", GlobusTokens.active(CAROL_AT_UCHICAGO, "carol@uchicago.edu",
                        UCHICAGO_IDP, IN_AN_HOUR).json())
                .groups("outsider", "groups-outsider", List.of("group-3"));

        assertThat(authenticated(authenticator.authenticate("member")).groups()).containsExactly("group-2");
        assertThat(rejection(authenticator.authenticate("outsider")))
                .isEqualTo("User is not a member of an allowed Globus Group.");
    }

    @Test
    void theDomainCheckIgnoresCase() throws Exception {
        start(List.of("ANL.gov"), List.of(), false);
        fake.introspection("tok", GlobusTokens.active(ALICE, "alice@Anl.Gov", ANL_IDP, IN_AN_HOUR).json());

        assertThat(authenticated(authenticator.authenticate("tok")).domain()).isEqualTo("anl.gov");
    }

    @Test
    void aFailedHighAssurancePolicyIsRejectedWithTheReason() throws Exception {
        start(List.of("anl.gov"), List.of("policy-1"), false);
        fake.introspection("stale", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                        .policy("policy-1", false).json())
                .introspection("fresh", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                        .policy("policy-1", true).json())
                .introspection("unevaluated", GlobusTokens.active(ALICE, "alice@anl.gov", ANL_IDP, IN_AN_HOUR)
                        .json());

        assertThat(rejection(authenticator.authenticate("stale")))
                .contains("authentication policy policy-1").contains("high-assurance").contains("anl.gov");
        assertThat(rejection(authenticator.authenticate("unevaluated"))).contains("did not evaluate");
        assertThat(authenticated(authenticator.authenticate("fresh")).id()).isEqualTo(ALICE);
    }

    @Test
    void anUnreachableGlobusIsAnOutageNotARejection() throws Exception {
        authenticator = new GlobusAuthenticator(GlobusSetup.settings(GlobusSetup.refusedUrl(),
                GlobusSetup.refusedUrl(), GlobusAccessRules.OPEN, false), clock);

        assertThatThrownBy(() -> authenticator.authenticate("tok"))
                .isInstanceOf(AuthServiceUnavailable.class)
                .hasMessageContaining("Globus Auth cannot be reached");
    }

    static User authenticated(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
        return ((AuthResult.Authenticated) result).user();
    }

    static String rejection(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        return ((AuthResult.Rejected) result).reason();
    }
}
