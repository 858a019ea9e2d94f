package io.inferencegateway.gateway.auth.globus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Settings pointing at a {@link FakeGlobus}, and the fixed start time tests count from. */
final class GlobusSetup {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration CAP = Duration.ofSeconds(600);
    static final Duration FAILURE_TTL = Duration.ofSeconds(60);

    private GlobusSetup() {
    }

    static GlobusAuthSettings settings(FakeGlobus fake, List<String> domains, List<String> policies,
                                       boolean groupsNeeded) {
        return settings(URI.create(fake.authUrl()), URI.create(fake.groupsUrl()), domains, policies, groupsNeeded);
    }

    static GlobusAuthSettings settings(URI auth, URI groups, List<String> domains, List<String> policies,
                                       boolean groupsNeeded) {
        return new GlobusAuthSettings(auth, groups, FakeGlobus.CLIENT_ID, FakeGlobus.CLIENT_SECRET, domains,
                policies, groupsNeeded, CAP, FAILURE_TTL, Duration.ofSeconds(10));
    }

    /** A loopback URL nothing listens on: connections are refused. */
    static URI refusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
