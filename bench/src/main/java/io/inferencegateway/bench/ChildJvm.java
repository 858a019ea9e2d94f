package io.inferencegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;

/**
 * One part of the stack (a simulated backend, gateway-http, a batch worker) in a JVM of its own, so that its memory
 * can be measured apart from the others. Its output goes to a log in the run directory; close() stops it.
 */
final class ChildJvm implements AutoCloseable {

    private final JvmSpec spec;
    private final Process process;
    private final ProcessOutput output;
    private final List<String> jvmOptions;
    private final Path log;

    private ChildJvm(JvmSpec spec, Process process, ProcessOutput output, List<String> jvmOptions, Path log) {
        this.spec = spec;
        this.process = process;
        this.output = output;
        this.jvmOptions = jvmOptions;
        this.log = log;
    }

    /** Starts the JVM with its temporary files and log under {@code directory}; does not wait for it. */
    static ChildJvm start(JvmSpec spec, Path directory) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + spec.maxHeap());
        options.addAll(JvmFlags.forThisJdk());
        List<String> command = new ArrayList<>();
        command.add(JvmFlags.javaExecutable());
        command.addAll(options);
        try {
            Path tmp = Files.createDirectories(directory.resolve(spec.name() + "-tmp"));
            // Anything a child puts in java.io.tmpdir (e.g. multipart spills) goes away with the run directory.
            command.add("-Djava.io.tmpdir=" + tmp);
            command.addAll(List.of("-cp", spec.classpath(), spec.mainClass()));
            command.addAll(spec.arguments());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            // Our own settings only: a GATEWAY_* variable of the caller's shell must not change what is measured.
            environment.keySet().removeIf(name -> name.startsWith("GATEWAY_"));
            environment.putAll(spec.environment());
            Process process = builder.start();
            Path log = directory.resolve(spec.name() + ".log");
            return new ChildJvm(spec, process, ProcessOutput.drain(process, log, spec.readyLine(), spec.name()),
                    List.copyOf(options), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + spec.name(), e);
        }
    }

    /** Waits for the ready line and returns its match; fails with the end of the log if it does not come. */
    MatchResult awaitReady(Duration timeout) {
        try {
            return output.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(spec.name() + " was not ready within " + Durations.human(timeout)
                    + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")")
                    + "; the end of its log:\n" + output.tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + spec.name(), e);
        }
    }

    /** Its output, in the run directory (removed at the end of the run). */
    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return spec.name();
    }

    /** The heap and flags it was started with, for the report. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, so the child shuts down cleanly; SIGKILL if it has not ended after 20 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            output.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
