package io.inferencegateway.gateway.auth.globus;

import io.inferencegateway.testsupport.globus.FakeGlobusAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Settings pointing at a {@link FakeGlobusAuth}, and the fixed start time tests count from. */
final class GlobusSetup {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration CAP = Duration.ofSeconds(600);
    static final Duration FAILURE_TTL = Duration.ofSeconds(60);

    private GlobusSetup() {
    }

    static GlobusAuthSettings settings(FakeGlobusAuth fake, List<String> domains, List<String> policies,
                                       boolean groupsNeeded) {
        return settings(fake, new GlobusAccessRules(domains, policies, List.of(), Map.of(), List.of()), groupsNeeded);
    }

    static GlobusAuthSettings settings(FakeGlobusAuth fake, GlobusAccessRules access, boolean groupsNeeded) {
        return settings(URI.create(fake.authUrl()), URI.create(fake.groupsUrl()), access, groupsNeeded);
    }

    static GlobusAuthSettings settings(URI auth, URI groups, GlobusAccessRules access, boolean groupsNeeded) {
        return new GlobusAuthSettings(auth, groups, FakeGlobusAuth.CLIENT_ID, FakeGlobusAuth.CLIENT_SECRET, access,
                groupsNeeded, CAP, FAILURE_TTL, Duration.ofSeconds(10));
    }

    /** A loopback URL nothing listens on: connections are refused. */
    static URI refusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
