package io.inferencegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs wrk against one URL with a script from {@link WrkScript} and returns what it measured. */
final class WrkRunner {

    private final Path script;
    private final ChildProcesses children;

    /** @param script a Lua script written by {@link WrkScript} */
    WrkRunner(Path script, ChildProcesses children) {
        this.script = script;
        this.children = children;
    }

    static void writeScript(Path script, String jsonBody, String apiKey) {
        writeScript(script, jsonBody, apiKey, Map.of());
    }

    /** @param headers sent besides the body's type and the key */
    static void writeScript(Path script, String jsonBody, String apiKey, Map<String, String> headers) {
        try {
            Files.writeString(script, WrkScript.lua(jsonBody, apiKey, headers), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the wrk script " + script, e);
        }
    }

    /** One thread for one connection, two threads otherwise (the reference measurements' setting). */
    static int threadsFor(int connections) {
        return connections == 1 ? 1 : 2;
    }

    WrkResult run(String url, int connections, Duration duration) {
        List<String> command = List.of("wrk", "-t" + threadsFor(connections), "-c" + connections,
                "-d" + Durations.wrkSeconds(duration), "--timeout", "10s", "-s", script.toString(), url);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run wrk (install it with: apt-get install wrk)", e);
        }
        try (var registered = children.register(process)) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not finish: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "): " + output);
            }
            return WrkOutput.parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read wrk's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while wrk ran", e);
        }
    }
}
