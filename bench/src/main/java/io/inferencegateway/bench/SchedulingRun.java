package io.inferencegateway.bench;

import io.inferencegateway.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bin/bench --scheduling}: one model with limited slots behind gateway-http; interactive waves alone, then
 * with the batches under the fair scheduler, then under fifo, with new workers for each; writes the report and its
 * chart.
 */
final class SchedulingRun {

    private static final DateTimeFormatter LOG_FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private final BenchOptions options;
    private final StackSettings stackSettings;
    private final SchedulingPlan plan;
    private final Consumer<String> progress;

    SchedulingRun(BenchOptions options, StackSettings stackSettings, SchedulingPlan plan, Consumer<String> progress) {
        this.options = options;
        this.stackSettings = stackSettings;
        this.plan = plan;
        this.progress = progress;
    }

    /** Runs the three scenarios, prints the Markdown to {@code out}, and returns where it was saved. */
    Path run(PrintStream out) {
        ZonedDateTime started = ZonedDateTime.now();
        MachineInfo machine = MachineInfo.collect(options.projectRoot());
        String loadAtStart = MachineInfo.loadAverage();
        ScenarioResult baseline;
        List<ScenarioResult> scenarios;
        Path logs = options.outputDir().resolve("tmp").resolve("scheduling-logs-"
                + started.withZoneSameInstant(ZoneOffset.UTC).format(LOG_FOLDER));
        progress.accept("starting PostgreSQL, Kafka, the simulated model (" + plan.slots() + " slots) and gateway-http");
        try (ChildProcesses tools = new ChildProcesses();
             Stack stack = Stack.startShared(stackSettings, tools, SchedulingPlan.MODEL, plan.backendOptions())) {
            HttpClient client = HttpClients.create();
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put(SchedulingPlan.USER_A, stack.issueKey(SchedulingPlan.USER_A));
            keys.put(SchedulingPlan.USER_B, stack.issueKey(SchedulingPlan.USER_B));
            progress.accept("gateway-http ready at " + stack.gatewayUrl() + "; warming the interactive path for "
                    + Durations.human(plan.warmup()));
            new WaveLoad(client, stack.gatewayUrl(), stack.apiKey()).warm(plan.warmup(), plan.burstRate());
            progress.accept("the workers' logs and every sample will be kept in " + logs);
            SchedulingScenario scenario = new SchedulingScenario(stack, client, plan, keys, logs, progress);
            baseline = scenario.baseline(stack.apiKey());
            scenarios = List.of(scenario.withBatches("fair", stack.apiKey()),
                    scenario.withBatches("fifo", stack.apiKey()));
            progress.accept("stopping everything");
        }
        String loadAtEnd = MachineInfo.loadAverage();
        keepSamples(logs.resolve("samples.json"), plan, baseline, scenarios, progress);
        Path file = ReportWriter.freeFile(options.outputDir(), ReportWriter.fileBase(
                started.withZoneSameInstant(ZoneOffset.UTC).toLocalDate(), machine.shortCommit(), options.quick()));
        String base = file.getFileName().toString().replaceFirst("\\.md$", "");
        Path chart = SchedulingChart.write(file.resolveSibling(base + "-scheduling.png"), plan, baseline, scenarios);
        String markdown = header(started, machine, loadAtStart, loadAtEnd) + "\n"
                + SchedulingSection.render(plan, baseline, scenarios, chart.getFileName().toString());
        out.println(markdown);
        out.flush();
        progress.accept("chart " + chart);
        return ReportWriter.write(file, markdown);
    }

    /**
     * Every sample of the run as JSON (times in milliseconds from the start of the waves, with the phases and the
     * jobs), to plot or compute anew without running it again.
     */
    static void keepSamples(Path file, SchedulingPlan plan, ScenarioResult baseline, List<ScenarioResult> scenarios,
                            Consumer<String> progress) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("slots", plan.slots());
        all.put("phases", plan.phases());
        all.put("jobs", plan.jobs());
        all.put(baseline.name(), baseline);
        scenarios.forEach(scenario -> all.put(scenario.name(), scenario));
        try {
            Files.createDirectories(file.getParent());
            Json.MAPPER.writeValue(file.toFile(), all);
        } catch (IOException | RuntimeException e) {
            progress.accept("could not keep the samples in " + file + ": " + e.getMessage());
        }
    }

    private String header(ZonedDateTime started, MachineInfo machine, String loadAtStart, String loadAtEnd) {
        String memory = String.format(Locale.ROOT, "%.1f GiB", machine.memoryBytes() / (1024.0 * 1024 * 1024));
        MarkdownTable table = new MarkdownTable("", "")
                .row("date", started.withZoneSameInstant(ZoneOffset.UTC).format(WHEN))
                .row("commit", machine.commit())
                .row("machine", machine.cores() + " cores (" + machine.cpu() + "), " + memory + " memory")
                .row("JDK", machine.jdk())
                .row("load average (1 min)", loadAtStart + " at start, " + loadAtEnd + " at end")
                .row("JVMs", "gateway -Xmx" + stackSettings.gatewayHeap() + "; " + SchedulingScenario.WORKERS
                        + " batch workers -Xmx" + stackSettings.workerHeap() + ", "
                        + StackSettings.WORKER_CONCURRENCY_VARIABLE + "=" + stackSettings.workerConcurrency()
                        + "; simulated backend -Xmx" + stackSettings.backendHeap()
                        + "; PostgreSQL and Kafka beside the benchmark's own JVM")
                .row("run", "interactive warm-up " + Durations.human(plan.warmup()) + " at "
                        + Formats.plain(plan.burstRate()) + " requests/s, then three scenarios of "
                        + Durations.human(plan.waves()) + " of waves each");
        String quick = options.quick()
                ? "\n> Quick smoke run: too short for steady state and on whatever else the machine was doing. "
                        + "Do not quote these figures.\n"
                : "";
        return "# Benchmark: scheduling batches beside interactive traffic\n\n" + table.render() + quick;
    }
}
