package io.inferencegateway.gateway.auth.globus;

import static io.inferencegateway.gateway.auth.globus.GlobusAuthenticatorTest.authenticated;
import static io.inferencegateway.gateway.auth.globus.GlobusAuthenticatorTest.rejection;
import static io.inferencegateway.gateway.auth.globus.GlobusSetup.NOW;
import static io.inferencegateway.testsupport.globus.GlobusTokens.ANL_IDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.auth.AuthResult;
import io.inferencegateway.gateway.auth.AuthServiceUnavailable;
import io.inferencegateway.testsupport.globus.FakeGlobusAuth;
import io.inferencegateway.testsupport.globus.GlobusTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How long answers about Globus tokens are reused, and that concurrent requests share one introspection. */
class GlobusCachingTest {

    private static final String ALICE = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String BOB = "bbbbbbbb-0000-0000-0000-000000000001";

    private final MutableClock clock = new MutableClock(NOW);
    private FakeGlobusAuth fake;
    private GlobusAuthenticator authenticator;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeGlobusAuth(List.of());
        authenticator = new GlobusAuthenticator(GlobusSetup.settings(fake, List.of(), List.of(), true), clock);
    }

    @AfterEach
    void close() {
        authenticator.close();
        assertThat(fake.violations()).as("requests of the wrong shape").isEmpty();
        fake.close();
    }

    private void activeUntil(String token, String sub, Instant exp) {
        fake.introspection(token, GlobusTokens.active(sub, sub + "@anl.gov", ANL_IDP, exp).json())
                .groups(token, "groups-" + token, List.of("group-of-" + sub));
    }

    @Test
    void aSecondCallMakesNoRequestToGlobus() throws Exception {
        activeUntil("tok", ALICE, NOW.plus(Duration.ofHours(1)));

        User first = authenticated(authenticator.authenticate("tok"));
        int requests = fake.requests();
        User second = authenticated(authenticator.authenticate("tok"));

        assertThat(requests).isEqualTo(3);
        assertThat(fake.requests()).isEqualTo(requests);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aValidTokenIsReintrospectedAfterThePositiveCap() {
        activeUntil("tok", ALICE, NOW.plus(Duration.ofHours(1)));

        authenticated(authenticator.authenticate("tok"));
        clock.advance(GlobusSetup.CAP.minusSeconds(1));
        authenticated(authenticator.authenticate("tok"));
        assertThat(fake.introspections("tok")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        authenticated(authenticator.authenticate("tok"));
        assertThat(fake.introspections("tok")).isEqualTo(2);
    }

    @Test
    void aTokenExpiringBeforeTheCapIsReintrospectedOnceItHasExpired() {
        activeUntil("tok", ALICE, NOW.plusSeconds(120));

        authenticated(authenticator.authenticate("tok"));
        clock.advance(Duration.ofSeconds(119));
        authenticated(authenticator.authenticate("tok"));
        assertThat(fake.introspections("tok")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(rejection(authenticator.authenticate("tok"))).isEqualTo("Access token expired.");
        assertThat(fake.introspections("tok")).isEqualTo(2);
    }

    @Test
    void aRejectionIsReusedForTheFailureTtlThenAskedAgain() {
        assertThat(rejection(authenticator.authenticate("tok"))).contains("not active");
        // Globus would now say yes, but FIRST's rule keeps a refused token refused for a minute.
        activeUntil("tok", ALICE, NOW.plus(Duration.ofHours(1)));
        clock.advance(GlobusSetup.FAILURE_TTL.minusSeconds(1));
        assertThat(rejection(authenticator.authenticate("tok"))).contains("not active");
        assertThat(fake.introspections("tok")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(authenticated(authenticator.authenticate("tok")).id()).isEqualTo(ALICE);
        assertThat(fake.introspections("tok")).isEqualTo(2);
    }

    @Test
    void anOutageIsNotRememberedAsARejection() {
        activeUntil("tok", ALICE, NOW.plus(Duration.ofHours(1)));
        fake.introspectionStatus(503);

        assertThatThrownBy(() -> authenticator.authenticate("tok"))
                .isInstanceOf(AuthServiceUnavailable.class).hasMessageContaining("HTTP 503");

        fake.introspectionStatus(200);
        assertThat(authenticated(authenticator.authenticate("tok")).id()).isEqualTo(ALICE);
        assertThat(fake.introspections("tok")).isEqualTo(2);
    }

    @Test
    void concurrentCallsShareOneIntrospectionAndNeverHoldUpOtherTokens() throws Exception {
        activeUntil("slow", ALICE, NOW.plus(Duration.ofHours(1)));
        activeUntil("quick", BOB, NOW.plus(Duration.ofHours(1)));
        CountDownLatch release = new CountDownLatch(1);
        fake.hold("slow", release);

        int callers = 8;
        List<Thread> threads = new ArrayList<>();
        List<Future<AuthResult>> slow = new ArrayList<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory())) {
            for (int i = 0; i < callers; i++) {
                slow.add(executor.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return authenticator.authenticate("slow");
                }));
            }
            assertThat(fake.awaitHeld()).as("the slow introspection reached Globus").isTrue();
            // Every caller is parked: one on Globus's answer, the others on the shared introspection.
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                synchronized (threads) {
                    return threads.size() == callers
                            && threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING
                                    || thread.getState() == Thread.State.TIMED_WAITING);
                }
            });

            User quick = authenticated(authenticator.authenticate("quick"));
            boolean slowFinishedFirst = slow.stream().anyMatch(Future::isDone);
            release.countDown();

            assertThat(quick.id()).isEqualTo(BOB);
            assertThat(slowFinishedFirst).as("another token's introspection waited for the slow one").isFalse();
            for (Future<AuthResult> result : slow) {
                assertThat(authenticated(get(result)).id()).isEqualTo(ALICE);
            }
        }
        assertThat(fake.introspections("slow")).isEqualTo(1);
        assertThat(fake.introspections("quick")).isEqualTo(1);
    }

    private static AuthResult get(Future<AuthResult> result) throws InterruptedException, ExecutionException {
        return result.get();
    }
}
