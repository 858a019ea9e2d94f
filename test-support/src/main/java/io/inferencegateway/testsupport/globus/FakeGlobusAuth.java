package io.inferencegateway.testsupport.globus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Globus Auth and the Groups API on a loopback port, speaking their HTTP protocol from scripted answers. Every
 * request's shape is checked (Basic client credentials, form fields, the {@code include} list, the dependent-token
 * grant, the Bearer on the groups call); a request of the wrong shape is answered 400 and recorded in
 * {@link #violations()}, which tests assert empty. Requests are served on virtual threads, so one held answer
 * never delays another.
 */
public final class FakeGlobusAuth implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_SECRET = "s3cret:with/odd+chars";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> expectedPolicies;
    private final Map<String, JsonNode> introspections = new ConcurrentHashMap<>();
    private final Map<String, String> groupsTokens = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> introspectionCounts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final CountDownLatch heldArrived = new CountDownLatch(1);
    private volatile int introspectionStatus = 200;

    /** A fake that expects introspection requests to name exactly {@code expectedPolicies} (none: no field). */
    public FakeGlobusAuth(List<String> expectedPolicies) throws IOException {
        this.expectedPolicies = List.copyOf(expectedPolicies);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String authUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Groups API lives under a path of the same server, as a different base URL. */
    public String groupsUrl() {
        return authUrl() + "/groups";
    }

    /** What introspecting {@code token} answers; unknown tokens answer {@code {"active": false}}. */
    public FakeGlobusAuth introspection(String token, JsonNode answer) {
        introspections.put(token, answer);
        return this;
    }

    /** The dependent-token grant for {@code token} yields {@code groupsToken}, which lists {@code groupIds}. */
    public FakeGlobusAuth groups(String token, String groupsToken, List<String> groupIds) {
        groupsTokens.put(token, groupsToken);
        groups.put(groupsToken, List.copyOf(groupIds));
        return this;
    }

    /** Introspecting {@code token} waits for {@code release}; {@link #awaitHeld} returns once it is waiting. */
    public FakeGlobusAuth hold(String token, CountDownLatch release) {
        holds.put(token, release);
        return this;
    }

    public boolean awaitHeld() throws InterruptedException {
        return heldArrived.await(30, TimeUnit.SECONDS);
    }

    /** Answer introspection with this HTTP status (an outage) instead of the script; 200 to recover. */
    public void introspectionStatus(int status) {
        introspectionStatus = status;
    }

    public int introspections(String token) {
        AtomicInteger count = introspectionCounts.get(token);
        return count == null ? 0 : count.get();
    }

    /** Every request served, of any kind. */
    public int requests() {
        return requests.get();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/v2/oauth2/token/introspect" -> introspect(exchange);
                case "/v2/oauth2/token" -> dependentToken(exchange);
                case "/groups/v2/groups/my_groups" -> myGroups(exchange);
                default -> reject(exchange, "unexpected path " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void introspect(HttpExchange exchange) throws IOException, InterruptedException {
        Map<String, String> form = clientForm(exchange);
        if (form == null) {
            return;
        }
        String token = form.get("token");
        if (token == null || !Set.of("identity_set_detail", "session_info")
                .equals(Set.of(form.getOrDefault("include", "").split(",")))) {
            reject(exchange, "introspection needs token and include=identity_set_detail,session_info: " + form);
            return;
        }
        String policies = form.get("authentication_policies");
        if (expectedPolicies.isEmpty() ? policies != null : !String.join(",", expectedPolicies).equals(policies)) {
            reject(exchange, "authentication_policies " + policies + ", expected " + expectedPolicies);
            return;
        }
        introspectionCounts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        CountDownLatch release = holds.get(token);
        if (release != null) {
            heldArrived.countDown();
            release.await(30, TimeUnit.SECONDS);
        }
        if (introspectionStatus != 200) {
            answer(exchange, introspectionStatus, error("unavailable"));
            return;
        }
        answer(exchange, 200, introspections.getOrDefault(token, JSON.createObjectNode().put("active", false)));
    }

    private void dependentToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = clientForm(exchange);
        if (form == null) {
            return;
        }
        if (!"urn:globus:auth:grant_type:dependent_token".equals(form.get("grant_type"))
                || form.get("token") == null) {
            reject(exchange, "dependent-token grant needs grant_type and token: " + form);
            return;
        }
        String groupsToken = groupsTokens.get(form.get("token"));
        if (groupsToken == null) {
            answer(exchange, 400, error("invalid_grant"));
            return;
        }
        ArrayNode tokens = JSON.createArrayNode();
        tokens.addObject().put("access_token", "transfer-" + groupsToken)
                .put("resource_server", "transfer.api.globus.org").put("token_type", "Bearer");
        tokens.addObject().put("access_token", groupsToken).put("resource_server", "groups.api.globus.org")
                .put("scope", "urn:globus:auth:scope:groups.api.globus.org:view_my_groups_and_memberships")
                .put("expires_in", 172800).put("token_type", "Bearer");
        answer(exchange, 200, tokens);
    }

    private void myGroups(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!"GET".equals(exchange.getRequestMethod()) || authorization == null
                || !authorization.startsWith("Bearer ")) {
            reject(exchange, "my_groups needs GET with a Bearer token, got " + exchange.getRequestMethod() + " "
                    + authorization);
            return;
        }
        List<String> ids = groups.get(authorization.substring("Bearer ".length()));
        if (ids == null) {
            reject(exchange, "my_groups called with a token the dependent grant did not issue");
            return;
        }
        ArrayNode body = JSON.createArrayNode();
        ids.forEach(id -> body.addObject().put("id", id).put("name", "group " + id)
                .putArray("my_memberships").addObject().put("role", "member"));
        answer(exchange, 200, body);
    }

    /** The form of a POST authenticated with the gateway's client credentials, or null after rejecting it. */
    private Map<String, String> clientForm(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())
                || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                .startsWith("application/x-www-form-urlencoded")) {
            reject(exchange, exchange.getRequestURI().getPath() + " needs a form POST with Basic client credentials");
            return null;
        }
        Map<String, String> form = new HashMap<>();
        try (InputStream body = exchange.getRequestBody()) {
            for (String field : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int equals = field.indexOf('=');
                if (equals > 0) {
                    form.put(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return form;
    }

    private void reject(HttpExchange exchange, String violation) throws IOException {
        violations.add(violation);
        answer(exchange, 400, JSON.createObjectNode().put("error", "bad_request").put("detail", violation));
    }

    private static JsonNode error(String code) {
        return JSON.createObjectNode().put("error", code);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
