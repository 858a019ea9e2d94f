package io.inferencegateway.gateway;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.User;
import io.inferencegateway.config.Environment;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.gateway.http.ReadDeadlines;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.DatabaseSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A real gateway-http on a free port, on a fresh database and the test Kafka, with the test fixtures. */
public final class GatewayFixture implements AutoCloseable {

    public static final String DEV_KEY = "igw-test-development-key-0123456789abcdef";
    /** The secret keys are hashed under, unless a test's environment names another. */
    public static final String KEY_HASH_SECRET = "gateway-test-key-hash-secret-0123456789";

    public final GatewayApp app;
    public final ApiKeyRepository keys;
    public final DatabaseSettings database;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GatewayFixture(GatewayApp app, DatabaseSettings database, ApiKeyHasher keyHasher) {
        this.app = app;
        this.database = database;
        this.keys = new ApiKeyRepository(app.database().dataSource(), keyHasher);
    }

    public static GatewayFixture start() {
        return start(Map.of());
    }

    /** A gateway whose adaptor placeholders and settings come from {@code environment}. */
    public static GatewayFixture start(Map<String, String> environment) {
        return start(TestServers.freshDatabase(), true, environment, Duration.ZERO);
    }

    /** A gateway that trusts a known API key for {@code authCacheTtl} without asking the database. */
    public static GatewayFixture start(Map<String, String> environment, Duration authCacheTtl) {
        return start(TestServers.freshDatabase(), true, environment, authCacheTtl);
    }

    /** A second replica on the same database: serves the stored definitions, loads no fixtures. */
    public static GatewayFixture replicaOf(GatewayFixture first, Map<String, String> environment) {
        return start(first.database, false, environment, Duration.ZERO);
    }

    /** A gateway on {@code port} serving the fixtures in test resource directory {@code fixturesResource}. */
    public static GatewayFixture start(Map<String, String> environment, String fixturesResource, int port) {
        return start(TestServers.freshDatabase(), true, environment, Duration.ZERO, fixturesResource, port,
                ReadDeadlines.DEFAULT);
    }

    /** A gateway serving the fixtures in {@code fixturesResource} that gives slow clients {@code deadlines}. */
    public static GatewayFixture start(Map<String, String> environment, String fixturesResource,
                                       ReadDeadlines deadlines) {
        return start(TestServers.freshDatabase(), true, environment, Duration.ZERO, fixturesResource, 0, deadlines);
    }

    private static GatewayFixture start(DatabaseSettings database, boolean loadFixtures, Map<String, String> environment,
                                        Duration authCacheTtl) {
        return start(database, loadFixtures, environment, authCacheTtl, "/fixtures", 0, ReadDeadlines.DEFAULT);
    }

    private static GatewayFixture start(DatabaseSettings database, boolean loadFixtures, Map<String, String> environment,
                                        Duration authCacheTtl, String fixturesResource, int port,
                                        ReadDeadlines deadlines) {
        try {
            Path fixtures = Path.of(GatewayFixture.class.getResource(fixturesResource).toURI());
            GatewaySettings settings = new GatewaySettings("127.0.0.1", port, 1024 * 1024, authCacheTtl)
                    .withReadDeadlines(deadlines);
            StartupOptions options = new StartupOptions(loadFixtures ? Optional.of(fixtures) : Optional.empty(),
                    Optional.of(DEV_KEY), withKeyHashSecret(environment));
            return new GatewayFixture(GatewayApp.start(settings, database, TestServers.kafka(), options), database,
                    options.keyHasher());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code environment}, with {@link #KEY_HASH_SECRET} unless it names a secret of its own. */
    public static Function<String, String> withKeyHashSecret(Map<String, String> environment) {
        return name -> environment.containsKey(name) ? environment.get(name)
                : name.equals(Environment.KEY_HASH_SECRET) ? KEY_HASH_SECRET : null;
    }

    /** Issues a key for a user with these groups and this domain. */
    public String keyFor(String userId, List<String> groups, String domain) {
        return keys.create(new User(userId, userId, userId + "@" + domain, groups, domain, "", "", "api_key"),
                "test", null).key();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public GatewayApp app() {
        return app;
    }

    public HttpResponse<String> get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), authorization);
    }

    /** A GET that asks for {@code accept}. */
    public HttpResponse<String> get(String path, String authorization, String accept) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept), authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), authorization);
    }

    /** POST with the development key. */
    public HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, "Bearer " + DEV_KEY, body);
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    @Override
    public void close() {
        app.close();
    }
}
