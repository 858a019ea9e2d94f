package io.inferencegateway.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/** One benchmark run: start the stack, measure each part in turn, stop everything, write the report. */
final class BenchRun {

    /** Streams at once during the streaming warm-up, each two tokens long. */
    static final int STREAM_WARMUP_CONNECTIONS = 32;
    private static final int STREAM_WARMUP_TOKENS = 2;

    private final BenchOptions options;
    private final StackSettings stackSettings;
    private final Consumer<String> progress;

    /** The wrk rows, and why the peer has none when it could not run. */
    private record InteractiveRows(List<LoadMeasurement> rows, Optional<String> peerMissing) {
    }

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
            InteractiveRows interactive = interactive(stack, client, tools);
            SparseBench sparse = new SparseBench(client, stack.apiKey(), progress);
            List<SparseMeasurement> sparsePlain = sparse.plain(gatewayRoutes(stack, BenchModels.FAST, true),
                    options.warmup(), options.duration());
            Map<String, StreamStats> streaming = streaming(stack, client, tools);
            List<SparseMeasurement> sparseStreams = sparse.streaming(gatewayRoutes(stack, BenchModels.STREAM, false),
                    options.warmup(), options.duration());
            BatchReport batch = options.skipBatch() ? BatchReport.skipped("--skip-batch")
                    : new BatchPhase(stack, client, options, tools, progress).run();
            report = new BenchReport(started, machine, loadAtStart, MachineInfo.loadAverage(), options,
                    stackSettings, interactive.rows(), interactive.peerMissing(), streaming,
                    new SparseReport(sparsePlain, sparseStreams), batch);
            progress.accept("stopping everything");
        }
        String markdown = ReportWriter.markdown(report);
        out.println(markdown);
        out.flush();
        return ReportWriter.save(markdown, options.outputDir(), report);
    }

    /**
     * Path label to chat completions URL for {@code model}: direct, the gateway's OpenAI route and, when
     * {@code withFirst}, FIRST's route.
     */
    private static Map<String, String> gatewayRoutes(Stack stack, String model, boolean withFirst) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put(InteractiveBench.DIRECT, stack.backendUrl(model) + "/chat/completions");
        urls.put(InteractiveBench.OPENAI, stack.gatewayUrl() + "/v1/chat/completions");
        if (withFirst) {
            urls.put(InteractiveBench.FIRST, stack.gatewayUrl() + "/resource_server/" + BenchModels.CLUSTER + "/"
                    + BenchModels.FRAMEWORK + "/v1/chat/completions");
        }
        return urls;
    }

    private InteractiveRows interactive(Stack stack, HttpClient client, ChildProcesses tools) {
        Path script = stack.scratch("wrk").resolve("chat.lua");
        WrkRunner.writeScript(script, BenchModels.chatBody(BenchModels.FAST), stack.apiKey());
        WrkRunner wrk = new WrkRunner(script, tools);
        List<InteractiveBench.Route> routes = new ArrayList<>();
        Map<String, String> urls = gatewayRoutes(stack, BenchModels.FAST, true);
        urls.forEach((label, url) -> routes.add(new InteractiveBench.Route(label, url, Map.of(), wrk)));
        routes.add(1, new InteractiveBench.Route(InteractiveBench.BARE_PROXY, stack.bareProxyUrl(), Map.of(), wrk));
        CpuGroups cpu = stack.cpuGroups(ProcCpu.forThisMachine());
        PortkeyPeer peer = null;
        Optional<String> peerMissing = Optional.empty();
        try {
            progress.accept("peer: installing " + PortkeyPeer.PACKAGE + "@" + PortkeyPeer.VERSION + " with npm");
            peer = stack.own(PortkeyPeer.start(stack.scratch("portkey"), stack.backendUrl(BenchModels.FAST), tools));
            peer.check(client, stack.apiKey());
            Path peerScript = stack.scratch("wrk").resolve("peer.lua");
            WrkRunner.writeScript(peerScript, BenchModels.chatBody(BenchModels.FAST), stack.apiKey(), peer.headers());
            routes.add(new InteractiveBench.Route(PortkeyPeer.LABEL, peer.url(), peer.headers(),
                    new WrkRunner(peerScript, tools)));
            long pid = peer.pid();
            cpu.add(CpuGroups.PEER, () -> LongStream.of(pid));
        } catch (PortkeyPeer.Unavailable e) {
            // The peer is a comparison, not the subject: say why it is missing and measure the rest.
            progress.accept("peer: " + PortkeyPeer.LABEL + " not measured: " + e.getMessage());
            peerMissing = Optional.of(e.getMessage());
            if (peer != null) {
                peer.close();
            }
        }
        try {
            return new InteractiveRows(new InteractiveBench(client, stack.apiKey(), cpu)
                    .run(routes, options.warmup(), options.duration(), progress), peerMissing);
        } finally {
            if (peer != null) {
                peer.close(); // only the wrk rows use it
            }
        }
    }

    private Map<String, StreamStats> streaming(Stack stack, HttpClient client, ChildProcesses tools) {
        Map<String, String> urls = gatewayRoutes(stack, BenchModels.STREAM, false);
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
