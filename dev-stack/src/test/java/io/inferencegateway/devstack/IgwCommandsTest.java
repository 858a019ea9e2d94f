package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: igw's commands other than batches, run as a user runs them against a running gateway. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IgwCommandsTest {

    @TempDir
    Path home;

    @Test
    void loginChecksTheKeyAndStoresItReadableByTheUserOnly() throws Exception {
        Map<String, String> env = Map.of("IGW_CONFIG", home.resolve("igw/config").toString());
        Igw.Run refused = Igw.runWithInput(env, "igw-not-a-key-0123456789abcdefghijklmnop\n", "login", "--base-url",
                Igw.baseUrl());
        assertThat(refused.exitCode()).as("a key the gateway refuses").isEqualTo(3);
        assertThat(refused.err().lines().toList()).hasSize(1).first().asString().startsWith("igw: ");
        assertThat(home.resolve("igw/config")).as("nothing stored").doesNotExist();

        Igw.Run login = Igw.runWithInput(env, Igw.KEY + "\n", "login", "--base-url", Igw.baseUrl() + "/v1/");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + Igw.baseUrl() + " as ");
        Path config = home.resolve("igw/config");
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(config.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(config)).contains(Igw.KEY);

        // The stored login is all the other commands need.
        Igw.Run models = Igw.run(env, "models");
        assertThat(models.exitCode()).as(models.err()).isZero();
        assertThat(models.out()).contains("cli-model").contains("cli-slow-model");
    }

    @Test
    void modelsAndJobsPrintTablesOrTheGatewaysJson() throws Exception {
        Map<String, String> env = Igw.user(home);
        JsonNode models = Json.MAPPER.readTree(Igw.run(env, "models", "--json").out());
        assertThat(models.path("data").findValuesAsText("id")).contains("cli-model", "cli-stream-model");

        Igw.Run jobs = Igw.run(env, "jobs", "cli");
        assertThat(jobs.exitCode()).as(jobs.err()).isZero();
        assertThat(jobs.out()).containsPattern("running +cli-model +api").containsPattern("stopped +cli-stopped-model")
                .contains("total_models: 4");
        JsonNode json = Json.MAPPER.readTree(Igw.run(env, "jobs", "cli", "--json").out());
        assertThat(json.path("running").findValuesAsText("Models")).contains("cli-model");

        Igw.Run unknown = Igw.run(env, "jobs", "nowhere");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines().toList()).hasSize(1).first().asString().startsWith("igw: ")
                .contains("HTTP 404");
    }

    /** The answer is printed as the tokens arrive: output shows up well before the stream ends. */
    @Test
    void chatPrintsTheAnswerAsItStreams() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Igw.command("chat", "cli-stream-model", "Tell me something"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Igw.user(home));
        long start = System.nanoTime();
        Process process = builder.start();
        List<Long> arrivals = new java.util.ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[256];
            for (int n = out.read(buffer); n != -1; n = out.read(buffer)) {
                arrivals.add(System.nanoTime() - start);
                text.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(text.toString().strip().split(" ")).as("12 tokens, as words").hasSizeGreaterThanOrEqualTo(6);
        // 12 tokens at 8 per second: about 1.5 s from the first to the last.
        assertThat(arrivals).hasSizeGreaterThan(3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.getLast() - arrivals.getFirst()))
                .as("time between the first and last output").isGreaterThan(700);
    }

    @Test
    void failuresAreOneLineOnStderrWithTheirExitCode() throws Exception {
        Map<String, String> noConfig = Map.of("IGW_CONFIG", home.resolve("none").toString());
        Igw.Run unconfigured = Igw.run(noConfig, "models");
        assertThat(unconfigured.exitCode()).isEqualTo(2);
        assertThat(unconfigured.err()).isEqualTo("igw: no gateway configured: run 'igw login --base-url URL', or "
                + "set IGW_BASE_URL and IGW_API_KEY" + System.lineSeparator());

        Map<String, String> badKey = new HashMap<>(Igw.user(home));
        badKey.put("IGW_API_KEY", "igw-wrong-key-0123456789abcdefghijklmnopq");
        Igw.Run refused = Igw.run(badKey, "models");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err().lines().toList()).hasSize(1).first().asString().contains("HTTP 401");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> unreachable = new HashMap<>(Igw.user(home));
        unreachable.put("IGW_BASE_URL", "http://127.0.0.1:" + closedPort);
        Igw.Run network = Igw.run(unreachable, "batch", "list");
        assertThat(network.exitCode()).isEqualTo(4);
        assertThat(network.err()).isEqualTo("igw: cannot reach the gateway at http://127.0.0.1:" + closedPort
                + ": connection refused" + System.lineSeparator());

        Igw.Run notFound = Igw.run(Igw.user(home), "chat", "no-such-model", "Hi");
        assertThat(notFound.exitCode()).isEqualTo(1);
        assertThat(notFound.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("igw: The model 'no-such-model' does not exist").endsWith("(HTTP 404, model_not_found)");

        Igw.Run usage = Igw.run(Igw.user(home), "batch", "submit");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).startsWith("igw: Missing required parameter: 'FILE'").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheExitCodesAndCompletionCompletesTheCommands() throws Exception {
        Igw.Run help = Igw.run(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("login", "models", "jobs", "chat", "batch",
                "completion");
        for (String code : List.of("0   done", "1   the gateway refused", "2   usage error", "3   authentication",
                "4   network error", "5   the batch failed", "6   the batch expired", "7   the batch was cancelled",
                "8   batch wait --timeout")) {
            assertThat(help.out()).contains(code);
        }
        assertThat(Igw.run(Map.of(), "batch", "submit", "--help").out()).contains("--watch", "--model",
                "--override-model", "--window", "--cluster", "--framework", "--interval", "--json");

        // The script bash sources: completing 'igw ba' offers 'batch', 'igw batch s' its subcommands.
        Path script = home.resolve("igw-completion.bash");
        Files.writeString(script, Igw.run(Map.of(), "completion").out());
        Process bash = new ProcessBuilder("bash", "-c", "source '" + script + "'; "
                + "COMP_WORDS=(igw ba); COMP_CWORD=1; COMP_LINE='igw ba'; COMP_POINT=6; _complete_igw; "
                + "echo \"${COMPREPLY[*]}\"; COMP_WORDS=(igw batch s); COMP_CWORD=2; COMP_LINE='igw batch s'; "
                + "COMP_POINT=11; _complete_igw; echo \"${COMPREPLY[*]}\"").redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> replies = new String(bash.getInputStream().readAllBytes()).lines().toList();
        assertThat(replies).as("completions").hasSize(2);
        assertThat(replies.get(0)).isEqualTo("batch");
        assertThat(replies.get(1).split(" ")).containsExactlyInAnyOrder("submit", "status");
    }
}
