package io.inferencegateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.access.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which authenticator sees which token. */
class CompositeAuthenticatorTest {

    /** Records the tokens it is asked about and whether it was closed. */
    private static final class Recording implements Authenticator {
        final List<String> seen = new ArrayList<>();
        final String name;
        boolean closed;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public AuthResult authenticate(String bearerToken) {
            seen.add(bearerToken);
            return AuthResult.authenticated(new User(name, "", "", List.of(), "", "", "", name));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final Recording apiKeys = new Recording("api_key");
    private final Recording globus = new Recording("globus");

    @Test
    void apiKeysGoToTheKeyDatabaseAndEverythingElseToGlobus() {
        var composite = new CompositeAuthenticator(apiKeys, Optional.of(globus));

        assertThat(composite.authenticate("igw-abc")).isEqualTo(AuthResult.authenticated(
                new User("api_key", "", "", List.of(), "", "", "", "api_key")));
        composite.authenticate("AgXyz-globus-token");

        assertThat(apiKeys.seen).containsExactly("igw-abc");
        assertThat(globus.seen).containsExactly("AgXyz-globus-token");
    }

    @Test
    void withoutGlobusOtherTokensAreRejectedWithoutAskingAnyone() {
        var composite = new CompositeAuthenticator(apiKeys, Optional.empty());

        assertThat(composite.authenticate("AgXyz-globus-token"))
                .isEqualTo(AuthResult.rejected(CompositeAuthenticator.NO_OAUTH));
        assertThat(apiKeys.seen).isEmpty();
    }

    @Test
    void closingClosesBoth() {
        new CompositeAuthenticator(apiKeys, Optional.of(globus)).close();

        assertThat(apiKeys.closed).isTrue();
        assertThat(globus.closed).isTrue();
    }
}
