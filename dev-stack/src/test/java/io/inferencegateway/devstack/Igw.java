package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * igw as its users run it, {@code java -jar cli/target/igw.jar}, against one stack shared by the igw tests of this
 * JVM (started on first use; the run directory's shutdown hook stops it). The reactor packages cli before these
 * tests run.
 */
final class Igw {

    static final String KEY = TestStack.KEY;
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    static final Path JAR = ROOT.resolve("cli/target/igw.jar");

    private Igw() {
    }

    /** One run: exit code, stdout, stderr. */
    record Run(int exitCode, String out, String err) {
    }

    static String baseUrl() {
        return TestStack.baseUrl();
    }

    /** The environment of a user who set IGW_BASE_URL and IGW_API_KEY, with a config file of their own. */
    static Map<String, String> user(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("IGW_BASE_URL", baseUrl());
        env.put("IGW_API_KEY", KEY);
        env.put("IGW_CONFIG", home.resolve("igw/config").toString());
        return env;
    }

    static Run run(Map<String, String> env, String... args) {
        return runWithInput(env, null, args);
    }

    /** Runs igw to its end (at most two minutes), {@code stdin} on its standard input when not null. */
    static Run runWithInput(Map<String, String> env, String stdin, String... args) {
        try {
            Path dir = Files.createTempDirectory("igw-run");
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            ProcessBuilder builder = new ProcessBuilder(command(args)).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("IGW_BASE_URL");
            builder.environment().remove("IGW_API_KEY");
            builder.environment().putAll(env);
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("igw %s exited", List.of(args)).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code java -jar igw.jar ARGS}, with this JVM's java and the JIT and collector bin/igw picks for a
     * short-lived tool (the client compiler only, the serial collector): a third less time and CPU a run.
     */
    static List<String> command(String... args) {
        assertThat(JAR).as("cli's jar: build it with mvn -pl cli package").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** A JSONL batch input of {@code lines} chat requests, {@code model} in each body unless null. */
    static Path input(Path dir, String name, int lines, String model) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            jsonl.append("{\"custom_id\":\"req-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/"
                    + "completions\",\"body\":{").append(model == null ? "" : "\"model\":\"" + model + "\",")
                    .append("\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Question ")
                    .append(i).append("\"}]}}\n");
        }
        return Files.writeString(dir.resolve(name), jsonl);
    }
}
