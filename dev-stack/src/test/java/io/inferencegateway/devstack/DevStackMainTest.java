package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.config.Environment;
import io.inferencegateway.gateway.admin.AdminMain;
import io.inferencegateway.json.Json;
import io.inferencegateway.testsupport.globus.FakeGlobusAuth;
import io.inferencegateway.testsupport.globus.GlobusTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The README's first command, as a new user runs it: a separate JVM starts the whole stack, answers with the
 * fixture models, and SIGTERM stops it leaving no files and no listening port behind.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DevStackMainTest {

    private static final String KEY = "igw-launcher-test-key-0123456789abcdefghij";
    private static final Pattern BASE_URL = Pattern.compile("OpenAI base URL:\\s+(http://127\\.0\\.0\\.1:(\\d+))/v1");
    private static final Pattern POSTGRES = Pattern.compile(
            "PostgreSQL:\\s+(jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/\\w+) \\(user (\\w+), password ([\\w-]+)\\)");
    private static final Pattern KAFKA = Pattern.compile("Kafka:\\s+127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern AUTHENTICATION = Pattern.compile("Authentication:\\s+(.+)$");
    private static final String ALICE = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final Pattern SECRET = Pattern.compile("Key hash secret:\\s+([\\w-]{32,})  \\(generated");

    @Test
    void startsServesAndStopsCleanly() throws Exception {
        Path runDir = Path.of("target", "devstack-test-" + ProcessHandle.current().pid()).toAbsolutePath();
        // Issue 21: bin/dev reads the Globus variables as gateway-http does.
        FakeGlobusAuth globus = new FakeGlobusAuth(List.of());
        Instant inADay = Instant.now().plus(Duration.ofDays(1));
        globus.introspection("globus-alice", GlobusTokens.active(ALICE, "alice@anl.gov", GlobusTokens.ANL_IDP,
                inADay).json()).groups("globus-alice", "groups-token-of-alice", List.of());
        ProcessBuilder binDev = binDev(runDir, KEY);
        binDev.environment().putAll(Map.of(Environment.GLOBUS_CLIENT_ID, FakeGlobusAuth.CLIENT_ID,
                Environment.GLOBUS_CLIENT_SECRET, FakeGlobusAuth.CLIENT_SECRET,
                Environment.GLOBUS_AUTH_URL, globus.authUrl(), Environment.GLOBUS_GROUPS_URL, globus.groupsUrl(),
                Environment.GLOBUS_ALLOWED_DOMAINS, "anl.gov"));
        Process process = binDev.start();
        Map<String, String> seen = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> readBanner(process, seen));
        try {
            Awaitility.await("the banner").atMost(Duration.ofSeconds(90))
                    .until(() -> seen.containsKey("ready") || !process.isAlive());
            assertThat(seen).as("launcher output").containsKeys("ready", "base", "postgresPort", "kafkaPort", "secret");
            assertThat(seen.get("authentication")).startsWith("API keys and Globus Auth tokens (client "
                    + FakeGlobusAuth.CLIENT_ID);
            HttpResponse<String> whoami = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(seen.get("base") + "/resource_server/whoami"))
                    .header("Authorization", "Bearer globus-alice").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
            assertThat(whoami.body()).contains("alice@anl.gov");
            assertThat(globus.violations()).isEmpty();

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(seen.get("base") + "/resource_server/list-endpoints"))
                    .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode clusters = Json.read(response.body()).path("clusters");
            assertThat(clusters.at("/local/frameworks/vllm/models").toString())
                    .contains("meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct");
            assertThat(clusters.at("/sim/frameworks/api/models").toString()).contains("simulated-fast");

            // The banner's PostgreSQL login works; none without its password does (issue 14).
            try (Connection connection = DriverManager.getConnection(seen.get("jdbcUrl"), seen.get("postgresUser"),
                    seen.get("postgresPassword")); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM api_keys")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            for (String user : new String[] {seen.get("postgresUser"), "postgres"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(seen.get("jdbcUrl"), user, "").close())
                        .as(user + " without a password").isInstanceOf(SQLException.class);
            }

            // gateway-admin, given what the banner prints, issues a key the running gateway accepts.
            Environment admin = new Environment(Map.of(Environment.DB_URL, seen.get("jdbcUrl"),
                    Environment.DB_USER, seen.get("postgresUser"), Environment.DB_PASSWORD,
                    seen.get("postgresPassword"), Environment.KEY_HASH_SECRET, seen.get("secret")));
            StringWriter issued = new StringWriter();
            CommandLine create = AdminMain.commandLine(admin);
            create.setOut(new PrintWriter(issued, true));
            assertThat(create.execute("keys", "create", "--user-id", "erin")).isEqualTo(0);
            Matcher issuedKey = Pattern.compile("\\A(igw-\\S+)\\R\\z").matcher(issued.toString());
            assertThat(issuedKey.find()).isTrue();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(seen.get("base") + "/resource_server/whoami"))
                    .header("Authorization", "Bearer " + issuedKey.group(1)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            reader.join(Duration.ofSeconds(5));
            globus.close();
        }
        for (String port : new String[] {seen.get("port"), seen.get("postgresPort"), seen.get("kafkaPort")}) {
            assertThat(accepts(Integer.parseInt(port))).as("port %s still listening", port).isFalse();
        }
        try (Stream<Path> left = Files.exists(runDir) ? Files.list(runDir) : Stream.empty()) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("dev-"))).as("run files left").isEmpty();
        }
    }

    /** Issue 14: a development key without 'igw-' was registered and printed, then refused on every request. */
    @Test
    void aDevelopmentKeyThatCouldNeverWorkStopsItBeforeAnythingStarts() throws Exception {
        Path runDir = Path.of("target", "devstack-bad-key-" + ProcessHandle.current().pid()).toAbsolutePath();
        Process process = binDev(runDir, "my-dev-key").start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("GATEWAY_DEV_API_KEY must be 'igw-' followed by at least 32 characters")
                .doesNotContain("my-dev-key").doesNotContain("Inference gateway ready");
    }

    private static ProcessBuilder binDev(Path runDir, String devKey) {
        Path fixtures = Path.of("..", "fixtures").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), DevStackMain.class.getName(),
                "--port", "0", "--run-dir", runDir.toString(), "--fixtures", fixtures.toString())
                .redirectErrorStream(true);
        builder.environment().put(Environment.DEV_API_KEY, devKey);
        builder.environment().remove(Environment.KEY_HASH_SECRET);
        return builder;
    }

    private static void readBanner(Process process, Map<String, String> seen) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("[bin/dev] " + line);
                Matcher base = BASE_URL.matcher(line);
                if (base.find()) {
                    seen.put("base", base.group(1));
                    seen.put("port", base.group(2));
                }
                Matcher postgres = POSTGRES.matcher(line);
                if (postgres.find()) {
                    seen.put("jdbcUrl", postgres.group(1));
                    seen.put("postgresPort", postgres.group(2));
                    seen.put("postgresUser", postgres.group(3));
                    seen.put("postgresPassword", postgres.group(4));
                }
                Matcher secret = SECRET.matcher(line);
                if (secret.find()) {
                    seen.put("secret", secret.group(1));
                }
                Matcher authentication = AUTHENTICATION.matcher(line);
                if (authentication.find()) {
                    seen.put("authentication", authentication.group(1));
                }
                Matcher kafka = KAFKA.matcher(line);
                if (kafka.find()) {
                    seen.put("kafkaPort", kafka.group(1));
                }
                if (line.startsWith("Press Ctrl-C")) {
                    seen.put("ready", "yes");
                }
            }
        } catch (IOException e) {
            seen.put("readError", e.toString());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
