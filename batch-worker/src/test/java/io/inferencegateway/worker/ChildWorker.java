package io.inferencegateway.worker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A {@link WorkerProcess} started from a test: same classpath, same database and Kafka, its own log file. */
final class ChildWorker implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildWorker(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildWorker start(WorkerStack stack, String workerId, String... jvmOptions) {
        Path log = Path.of(System.getProperty("basedir", "."), "target", "child-" + workerId + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(),
                stack.databaseSettings.jdbcUrl(), stack.databaseSettings.username(),
                stack.databaseSettings.password(), stack.kafka.bootstrapServers(), stack.topics.prefix(),
                stack.groupPrefix, workerId));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ChildWorker child = new ChildWorker(process, log);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || child.output().contains("WORKER READY"));
            if (!process.isAlive()) {
                throw new IllegalStateException("Worker " + workerId + " exited at start:\n" + child.output());
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no acknowledgement, no clean-up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Peak resident set size so far, in KiB (Linux). */
    Optional<Long> peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** SIGTERM, then the peak heap the worker reported on its way out. */
    Optional<Long> stopAndReportPeakHeap() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
        return output().lines().filter(l -> l.startsWith("PEAK_HEAP_BYTES=")).findFirst()
                .map(l -> Long.parseLong(l.substring("PEAK_HEAP_BYTES=".length())));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
