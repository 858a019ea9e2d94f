package io.inferencegateway.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The benchmark's own HTTP client: HTTP/1.1 pinned (the JDK client offers h2c upgrades otherwise), virtual threads. */
final class HttpClients {

    private HttpClients() {
    }

    static HttpClient create() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }
}
