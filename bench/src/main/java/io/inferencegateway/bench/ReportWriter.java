package io.inferencegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Turns a {@link BenchReport} into Markdown, and saves it under the results folder. */
final class ReportWriter {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private ReportWriter() {
    }

    static String markdown(BenchReport report) {
        StringBuilder out = new StringBuilder(header(report));
        if (!report.interactive().isEmpty()) {
            out.append('\n').append(InteractiveSection.render(report.interactive(), report.peerMissing()));
        }
        if (!report.streaming().isEmpty()) {
            out.append('\n').append(StreamingSection.render(report.streaming()));
        }
        if (!report.sparse().isEmpty()) {
            out.append('\n').append(SparseSection.render(report.sparse()));
        }
        out.append('\n').append(BatchSection.render(report.batch()));
        out.append('\n').append(MemorySection.render(report.batch(), report.stack()));
        return out.toString();
    }

    static String header(BenchReport report) {
        MachineInfo machine = report.machine();
        BenchOptions options = report.options();
        StackSettings stack = report.stack();
        String memory = String.format(Locale.ROOT, "%.1f GiB", machine.memoryBytes() / (1024.0 * 1024 * 1024));
        MarkdownTable table = new MarkdownTable("", "")
                .row("date", report.started().withZoneSameInstant(ZoneOffset.UTC).format(WHEN))
                .row("commit", machine.commit())
                .row("machine", machine.cores() + " cores (" + machine.cpu() + "), " + memory + " memory")
                .row("JDK", machine.jdk())
                .row("load average (1 min)", report.loadAtStart() + " at start, " + report.loadAtEnd() + " at end")
                .row("JVMs", "gateway and bare proxy -Xmx" + stack.gatewayHeap() + " each; batch worker -Xmx"
                        + stack.workerHeap() + ", "
                        + StackSettings.WORKER_CONCURRENCY_VARIABLE + "=" + stack.workerConcurrency()
                        + "; each simulated backend -Xmx" + stack.backendHeap()
                        + "; PostgreSQL and Kafka beside the benchmark's own JVM")
                .row("run", "wrk: warm-up " + Durations.human(options.warmup()) + ", then "
                        + Durations.human(options.duration()) + " measured, per row; streaming: wrk warm-up "
                        + Durations.human(options.warmup()) + " of " + BenchRun.STREAM_WARMUP_CONNECTIONS
                        + " short streams at a time, then " + options.streamWarmup() + " + " + options.streams()
                        + " streams per path; sparse: one request every " + Durations.human(SparseBench.INTERVAL)
                        + " for " + Durations.human(options.duration()) + " per path after "
                        + Durations.human(SparseBench.warmupOf(options.warmup())) + " at the same pace; batches of "
                        + Formats.count(options.batchLines()) + " lines, after unmeasured ones of as many until "
                        + "two in a row agree within " + Formats.percent(BatchWarmUp.AGREEMENT) + ", the zero-latency "
                        + "row the median of " + BatchPhase.ZERO_LATENCY_RUNS + "; uploads of "
                        + Formats.megabytes(options.smallUploadBytes()) + " and "
                        + Formats.megabytes(options.uploadBytes()));
        String quick = options.quick()
                ? "\n> Quick smoke run: too short for steady state and on whatever else the machine was doing. "
                        + "Do not quote these figures.\n"
                : "";
        return "# Benchmark: the gateway beside the direct path\n\n" + table.render() + quick;
    }

    /** Saves under {@code directory} as {@code <date>-<commit>[-quick].md}, adding {@code -2}, {@code -3}... if taken. */
    static Path save(String markdown, Path directory, BenchReport report) {
        Path file = freeFile(directory, fileBase(report.started().withZoneSameInstant(ZoneOffset.UTC).toLocalDate(),
                report.machine().shortCommit(), report.options().quick()));
        return write(file, markdown);
    }

    /** {@code <base>.md} under {@code directory}, or {@code <base>-2.md}, {@code -3}... if taken; creates the folder. */
    static Path freeFile(Path directory, String base) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
        Path file = directory.resolve(base + ".md");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(base + "-" + n + ".md");
        }
        return file;
    }

    static Path write(Path file, String markdown) {
        try {
            return Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the report as " + file, e);
        }
    }

    static String fileBase(LocalDate date, String commit, boolean quick) {
        return date + "-" + commit + (quick ? "-quick" : "");
    }
}
