package io.inferencegateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Where and on what the figures were taken.
 *
 * @param commit      short commit hash, with {@code +changes} when the work tree differs from it
 * @param cores       processors the JVM sees
 * @param memoryBytes the machine's memory
 * @param cpu         the CPU model
 * @param jdk         version and vendor of the JDK every process runs on
 */
record MachineInfo(String commit, int cores, long memoryBytes, String cpu, String jdk) {

    static MachineInfo collect(Path projectRoot) {
        String meminfo = ProcStatus.read(Path.of("/proc/meminfo"));
        OptionalLong memory = ProcStatus.field(meminfo, "MemTotal");
        return new MachineInfo(commit(projectRoot), Runtime.getRuntime().availableProcessors(), memory.orElse(0),
                cpu(ProcStatus.read(Path.of("/proc/cpuinfo"))),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    }

    /** The short commit only (no suffix), for file names. */
    String shortCommit() {
        int plus = commit.indexOf('+');
        return plus < 0 ? commit : commit.substring(0, plus);
    }

    /** The 1-minute load average right now: how busy the shared machine was. */
    static String loadAverage() {
        String loadavg = ProcStatus.read(Path.of("/proc/loadavg")).trim();
        return loadavg.isEmpty() ? "?" : loadavg.split("\\s+")[0];
    }

    static String cpu(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    private static String commit(Path projectRoot) {
        String hash = git(projectRoot, "rev-parse", "--short", "HEAD");
        if (hash.isEmpty()) {
            return "unknown";
        }
        return git(projectRoot, "status", "--porcelain", "--untracked-files=no").isEmpty() ? hash : hash + "+changes";
    }

    private static String git(Path directory, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "git";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

}
