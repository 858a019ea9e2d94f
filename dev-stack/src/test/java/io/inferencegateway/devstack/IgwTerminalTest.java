package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code igw batch submit --watch} in a terminal (tmux, on a server of its own) draws one progress line
 * and redraws it in place as the batch runs, then exits 0 when the batch completed. .ci/run installs tmux.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IgwTerminalTest {

    private static final Pattern BAR = Pattern.compile("\\[[#.]{24}] {2}(\\d+)/(\\d+) {2}\\d+%");

    private final String socket = "igw-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @TempDir
    Path home;

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    void watchRedrawsOneProgressLineInPlaceUntilTheBatchCompletes() throws Exception {
        Path input = Igw.input(home, "terminal.jsonl", 150, "cli-slow-model");
        String command = String.join(" ", Igw.command("batch", "submit", input.toString(), "--watch", "--interval",
                "0.2").stream().map(arg -> "'" + arg + "'").toList()) + "; echo \"igw exited $?\"; sleep 600";
        Process start = tmuxProcess(Map.copyOf(Igw.user(home)), "new-session", "-d", "-x", "160", "-y", "30",
                command);
        assertThat(start.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).as("tmux started (install it: apt-get install tmux)").isZero();

        // Mid-way: one bar on screen with some lines done and some not.
        List<String> screens = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String screen = capture();
            screens.add(screen);
            Matcher bar = BAR.matcher(screen);
            return bar.find() && Long.parseLong(bar.group(1)) > 0
                    && Long.parseLong(bar.group(1)) < Long.parseLong(bar.group(2));
        });
        assertThat(bars(screens.getLast())).as("one progress line, redrawn in place:%n%s", screens.getLast())
                .isEqualTo(1);
        assertThat(screens.getLast()).contains("lines/s").contains("ETA").contains("in_progress");

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> capture().contains("igw exited"));
        String end = capture();
        assertThat(end).contains("igw exited 0");
        assertThat(bars(end)).as("still one progress line at the end:%n%s", end).isEqualTo(1);
        assertThat(end).containsPattern("\\[#{24}] {2}150/150 {2}100%.* {2}completed {2}\\d+:\\d\\d");
        assertThat(end).contains("completed: 150 of 150 lines answered, 0 failed");
    }

    private static long bars(String screen) {
        return screen.lines().filter(line -> BAR.matcher(line).find()).count();
    }

    private String capture() throws IOException, InterruptedException {
        Process capture = tmuxProcess(Map.of(), "capture-pane", "-p", "-J");
        String screen = new String(capture.getInputStream().readAllBytes());
        capture.waitFor(10, TimeUnit.SECONDS);
        return screen;
    }

    private void tmux(String... args) throws IOException, InterruptedException {
        tmuxProcess(Map.of(), args).waitFor(10, TimeUnit.SECONDS);
    }

    private Process tmuxProcess(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }
}
