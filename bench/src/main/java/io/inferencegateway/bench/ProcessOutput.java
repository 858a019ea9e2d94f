package io.inferencegateway.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains a child process's output into a log file for its whole life (a full pipe would stall the child), keeps
 * the last lines for error messages, and notices the first line that says the child is ready.
 */
final class ProcessOutput {

    private static final int TAIL_LINES = 30;

    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<MatchResult> ready = new CompletableFuture<>();
    private final Pattern readyLine;
    private final Thread thread;

    private ProcessOutput(InputStream output, Path logFile, Pattern readyLine, String name) {
        this.readyLine = readyLine;
        this.thread = Thread.ofPlatform().daemon().name("output-" + name).start(() -> drain(output, logFile));
    }

    static ProcessOutput drain(Process process, Path logFile, Pattern readyLine, String name) {
        return new ProcessOutput(process.getInputStream(), logFile, readyLine, name);
    }

    /** Completes with the ready line's match, or fails if the output ends first. */
    CompletableFuture<MatchResult> ready() {
        return ready;
    }

    synchronized String tail() {
        return String.join("\n", tail);
    }

    void awaitEnd() throws InterruptedException {
        thread.join(5_000);
    }

    private void drain(InputStream output, Path logFile) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.write(line);
                log.newLine();
                remember(line);
                if (!ready.isDone()) {
                    Matcher matcher = readyLine.matcher(line);
                    if (matcher.find()) {
                        log.flush();
                        ready.complete(matcher.toMatchResult());
                    }
                }
            }
        } catch (IOException e) {
            // The process ended or its log directory was removed during shutdown; nothing more to read.
        } finally {
            ready.completeExceptionally(new IllegalStateException("the process ended before it was ready"));
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }
}
