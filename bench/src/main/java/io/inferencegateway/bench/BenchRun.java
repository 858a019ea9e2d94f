package io.inferencegateway.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One benchmark run: start the stack, measure each part in turn, stop everything, write the report. */
final class BenchRun {

    /** Streams at once during the streaming warm-up, each two tokens long. */
    static final int STREAM_WARMUP_CONNECTIONS = 32;
    private static final int STREAM_WARMUP_TOKENS = 2;

    private final BenchOptions options;
    private final StackSettings stackSettings;
    private final Consumer<String> progress;

    BenchRun(BenchOptions options, StackSettings stackSettings, Consumer<String> progress) {
        this.options = options;
        this.stackSettings = stackSettings;
        this.progress = progress;
    }

    /** Runs everything, prints the Markdown to {@code out}, and returns where it was saved. */
    Path run(PrintStream out) {
        ZonedDateTime started = ZonedDateTime.now();
        MachineInfo machine = MachineInfo.collect(options.projectRoot());
        String loadAtStart = MachineInfo.loadAverage();
        BenchReport report;
        progress.accept("starting PostgreSQL, Kafka, three simulated backends and gateway-http");
        try (ChildProcesses tools = new ChildProcesses(); Stack stack = Stack.start(stackSettings, tools)) {
            HttpClient client = HttpClients.create();
            progress.accept("gateway-http ready at " + stack.gatewayUrl());
            List<LoadMeasurement> interactive = interactive(stack, client, tools);
            Map<String, StreamStats> streaming = streaming(stack, client, tools);
            BatchReport batch = options.skipBatch() ? BatchReport.skipped("--skip-batch")
                    : new BatchPhase(stack, client, options, tools, progress).run();
            report = new BenchReport(started, machine, loadAtStart, MachineInfo.loadAverage(), options,
                    stackSettings, interactive, streaming, batch);
            progress.accept("stopping everything");
        }
        String markdown = ReportWriter.markdown(report);
        out.println(markdown);
        out.flush();
        return ReportWriter.save(markdown, options.outputDir(), report);
    }

    private List<LoadMeasurement> interactive(Stack stack, HttpClient client, ChildProcesses tools) {
        Path script = stack.scratch("wrk").resolve("chat.lua");
        WrkRunner.writeScript(script, BenchModels.chatBody(BenchModels.FAST), stack.apiKey());
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put(InteractiveBench.DIRECT, stack.backendUrl(BenchModels.FAST) + "/chat/completions");
        urls.put(InteractiveBench.BARE_PROXY, stack.bareProxyUrl());
        urls.put(InteractiveBench.OPENAI, stack.gatewayUrl() + "/v1/chat/completions");
        urls.put(InteractiveBench.FIRST, stack.gatewayUrl() + "/resource_server/" + BenchModels.CLUSTER + "/"
                + BenchModels.FRAMEWORK + "/v1/chat/completions");
        return new InteractiveBench(new WrkRunner(script, tools), client, stack.apiKey(),
                stack.cpuGroups(ProcCpu.forThisMachine())).run(urls, options.warmup(), options.duration(), progress);
    }

    private Map<String, StreamStats> streaming(Stack stack, HttpClient client, ChildProcesses tools) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put(InteractiveBench.DIRECT, stack.backendUrl(BenchModels.STREAM) + "/chat/completions");
        urls.put(InteractiveBench.OPENAI, stack.gatewayUrl() + "/v1/chat/completions");
        // The interactive rows warmed the JIT for plain calls only; a few serial streams leave the streaming code
        // interpreted, which is what a first stream pays, not a gateway in service.
        Path script = stack.scratch("wrk").resolve("stream.lua");
        WrkRunner.writeScript(script, BenchModels.streamBody(STREAM_WARMUP_TOKENS), stack.apiKey());
        WrkRunner wrk = new WrkRunner(script, tools);
        if (!options.warmup().isZero()) {
            for (Map.Entry<String, String> url : urls.entrySet()) {
                progress.accept("streaming: " + url.getKey() + " warm-up, " + STREAM_WARMUP_CONNECTIONS
                        + " streams at a time for " + Durations.human(options.warmup()));
                wrk.run(url.getValue(), STREAM_WARMUP_CONNECTIONS, options.warmup());
            }
        }
        progress.accept("streaming: " + options.streamWarmup() + " + " + options.streams() + " streams per path");
        return new StreamingProbe(client, stack.apiKey()).run(urls, options.streamWarmup(), options.streams());
    }
}
