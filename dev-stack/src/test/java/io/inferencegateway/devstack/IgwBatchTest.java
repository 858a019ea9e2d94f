package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: batches through igw, OpenAI-style and FIRST-style, without a terminal (progress as plain lines), and the
 * exit codes scripts rely on.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class IgwBatchTest {

    private static final String BAR = "\\[[#.]{24}]";

    @TempDir
    Path home;

    @Test
    void submitWithWatchRunsTheBatchAndEveryLineCanBeDownloaded() throws Exception {
        Map<String, String> env = Igw.user(home);
        Path input = Igw.input(home, "questions.jsonl", 40, null);

        Igw.Run submit = Igw.run(env, "batch", "submit", input.toString(), "--model", "cli-slow-model", "--watch",
                "--interval", "0.2");
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        assertThat(submit.out()).as("stdout: the batch id alone").matches("batch_[0-9A-Za-z]{24}\\R");
        String id = submit.out().strip();
        List<String> progress = submit.err().lines().toList();
        assertThat(progress.getFirst()).isEqualTo("igw: 40 of 40 lines given model cli-slow-model");
        assertThat(submit.err()).as("plain lines, no carriage returns, without a terminal").doesNotContain("\r");
        assertThat(progress).anyMatch(line -> line.matches(BAR + "  40/40  100%.*  completed  \\d+:\\d\\d"));
        assertThat(progress.getLast()).isEqualTo("Batch " + id + " completed: 40 of 40 lines answered, 0 failed. "
                + "Results: igw batch download " + id);

        Igw.Run status = Igw.run(env, "batch", "status", id);
        assertThat(status.out()).matches(id + "  " + BAR + "  40/40  100%  completed\\R");
        JsonNode batch = Json.MAPPER.readTree(Igw.run(env, "batch", "status", id, "--json").out());
        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.path("model").asText()).isEqualTo("cli-slow-model");

        Path results = home.resolve("results.jsonl");
        Igw.Run download = Igw.run(env, "batch", "download", id, "-o", results.toString());
        assertThat(download.exitCode()).as(download.err()).isZero();
        Set<String> answered = Files.readAllLines(results).stream()
                .map(line -> read(line).path("custom_id").asText()).collect(Collectors.toSet());
        assertThat(answered).hasSize(40).contains("req-0", "req-39");

        Igw.Run list = Igw.run(env, "batch", "list");
        assertThat(list.out()).containsPattern(id + " +completed +cli-slow-model +40/40 +0 ");
    }

    @Test
    void aLineNamingAnotherModelStopsTheSubmitUnlessOverridden() throws Exception {
        Map<String, String> env = Igw.user(home);
        Path input = Igw.input(home, "other.jsonl", 3, "cli-slow-model");
        Igw.Run conflict = Igw.run(env, "batch", "submit", input.toString(), "--model", "cli-model");
        assertThat(conflict.exitCode()).isEqualTo(2);
        assertThat(conflict.err()).isEqualTo("igw: line 1 names model 'cli-slow-model', not 'cli-model': pass "
                + "--override-model to run every line on cli-model, or leave out --model" + System.lineSeparator());
        assertThat(Igw.run(env, "batch", "list", "--json").out()).as("nothing uploaded or created")
                .doesNotContain("other.jsonl");

        Igw.Run overridden = Igw.run(env, "batch", "submit", input.toString(), "--model", "cli-model",
                "--override-model", "--json");
        assertThat(overridden.exitCode()).as(overridden.err()).isZero();
        assertThat(read(overridden.out()).path("model").asText()).isEqualTo("cli-model");
    }

    @Test
    void eachEndOfABatchHasItsOwnExitCode() throws Exception {
        Map<String, String> env = Igw.user(home);
        // Duplicate custom ids: the batch fails validation, as OpenAI's does.
        Path duplicates = Files.writeString(home.resolve("dup.jsonl"), String.join("\n",
                Files.readAllLines(Igw.input(home, "one.jsonl", 1, "cli-model")).getFirst(),
                Files.readAllLines(Igw.input(home, "one.jsonl", 1, "cli-model")).getFirst()) + "\n");
        Igw.Run failed = Igw.run(env, "batch", "submit", duplicates.toString(), "--watch", "--interval", "0.2");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(5);
        assertThat(failed.err().lines().toList().getLast()).contains(" failed").contains("duplicate");

        Igw.Run unknown = Igw.run(env, "batch", "wait", "batch_000000000000000000000000");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines().toList()).hasSize(1).first().asString().startsWith("igw: no batch ");
    }

    /**
     * A batch whose model is not running waits, and says why; {@code wait --timeout} gives up on it (8), and a
     * {@code wait} under way ends with the batch's cancellation (7).
     */
    @Test
    void waitShowsWhyABatchWaitsAndEndsWhenItIsCancelled() throws Exception {
        Map<String, String> env = Igw.user(home);
        String id = Igw.run(env, "batch", "submit", Igw.input(home, "stopped.jsonl", 3, "cli-stopped-model")
                .toString()).out().strip();
        Igw.Run timedOut = Igw.run(env, "batch", "wait", id, "--timeout", "1", "--interval", "0.2");
        assertThat(timedOut.exitCode()).isEqualTo(8);
        assertThat(timedOut.err()).contains("igw: batch " + id + " is still ");

        ProcessBuilder builder = new ProcessBuilder(Igw.command("batch", "wait", id, "--interval", "0.2", "--json"))
                .redirectOutput(home.resolve("wait.json").toFile());
        builder.environment().putAll(env);
        Process wait = builder.start();
        List<String> progress = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> new BufferedReader(new InputStreamReader(
                wait.getErrorStream(), StandardCharsets.UTF_8)).lines().forEach(progress::add));
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> progress.stream().anyMatch(line -> line.matches(".*in_progress .*waiting: \\S+.*")));

        Igw.Run cancel = Igw.run(env, "batch", "cancel", id);
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).matches(id + "  (cancelling|cancelled)\\R");
        assertThat(wait.waitFor(90, TimeUnit.SECONDS)).as("wait ended").isTrue();
        reader.join(Duration.ofSeconds(10));
        assertThat(wait.exitValue()).as(String.join("\n", progress)).isEqualTo(7);
        assertThat(read(Files.readString(home.resolve("wait.json"))).path("status").asText()).isEqualTo("cancelled");
        assertThat(progress.getLast()).startsWith("Batch " + id + " cancelled");
    }

    @Test
    void firstStyleBatchesAreSubmittedWatchedListedAndDownloaded() throws Exception {
        Map<String, String> env = Igw.user(home);
        Path input = Igw.input(TestStack.FIRST_ROOT, "first-" + System.nanoTime() + ".jsonl", 5, "cli-model");

        Igw.Run submit = Igw.run(env, "batch", "submit", input.toString(), "--model", "cli-model", "--cluster", "cli",
                "--framework", "api", "--watch", "--interval", "0.2");
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        String id = submit.out().strip();
        assertThat(submit.err()).contains("completed");

        assertThat(Igw.run(env, "batch", "list", "--first").out()).containsPattern(id + " +completed +cli/api +"
                + input);
        Igw.Run status = Igw.run(env, "batch", "status", id);
        assertThat(status.out()).isEqualTo(id + "  completed" + System.lineSeparator());
        Igw.Run result = Igw.run(env, "batch", "download", id);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("req-0", "req-4");
    }

    /** FIRST-style batches can be cancelled too, on FIRST's cancel route; one waiting on a stopped model here. */
    @Test
    void aFirstStyleBatchIsCancelled() throws Exception {
        Map<String, String> env = Igw.user(home);
        Path input = Igw.input(TestStack.FIRST_ROOT, "cancel-" + System.nanoTime() + ".jsonl", 2,
                "cli-stopped-model");
        String id = Igw.run(env, "batch", "submit", input.toString(), "--model", "cli-stopped-model",
                "--cluster", "cli", "--framework", "api").out().strip();

        Igw.Run cancel = Igw.run(env, "batch", "cancel", id);

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        Igw.Run wait = Igw.run(env, "batch", "wait", id, "--interval", "0.2");
        assertThat(wait.exitCode()).as(wait.err()).isEqualTo(5);
        assertThat(Igw.run(env, "batch", "status", id).out()).contains("failed");
    }

    /** A FIRST-style batch that cannot run yet has no result: the file named by -o keeps what it held. */
    @Test
    void aDownloadThatFailsLeavesTheTargetFileAsItWas() throws Exception {
        Map<String, String> env = Igw.user(home);
        Path input = Igw.input(TestStack.FIRST_ROOT, "waiting-" + System.nanoTime() + ".jsonl", 2,
                "cli-stopped-model");
        Igw.Run submit = Igw.run(env, "batch", "submit", input.toString(), "--model", "cli-stopped-model",
                "--cluster", "cli", "--framework", "api");
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        Path target = Files.writeString(home.resolve("answers.jsonl"), "kept\n");

        Igw.Run download = Igw.run(env, "batch", "download", submit.out().strip(), "-o", target.toString());
        assertThat(download.exitCode()).isEqualTo(1);
        assertThat(download.err().lines().toList()).hasSize(1).first().asString().contains("batch_ongoing");
        assertThat(target).hasContent("kept");
        assertThat(home.resolve("answers.jsonl.part")).doesNotExist();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
