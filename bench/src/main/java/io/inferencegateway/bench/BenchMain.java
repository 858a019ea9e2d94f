package io.inferencegateway.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/bench}: the gateway's overhead and the batch pipeline's throughput beside the direct path (issue 5). */
@Command(name = "bin/bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts PostgreSQL and Kafka in this JVM, and three simulated backends, gateway-http and "
                + "batch workers as separate JVMs; measures interactive chat with wrk (direct, a bare Jetty proxy, /v1, "
                + "FIRST's route and a peer gateway, Portkey's " + PortkeyPeer.PACKAGE + "@" + PortkeyPeer.VERSION
                + " installed with npm into the run directory and run by node, at c=1, 16, 64, with each process's "
                + "CPU time per request; without npm the peer's row says why), sparse traffic (one request, and one "
                + "stream, every 20 ms, open loop), streaming time to first token and gaps, batches through the Files "
                + "and Batches API, and memory; prints a Markdown table and saves it under the output directory. "
                + "--scheduling runs the scheduling benchmark instead. See docs/BENCHMARKS.md.")
public final class BenchMain implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = "--quick", description = "Smoke run: short warm-up and durations, few streams, small batches "
            + "and uploads. Explicit options still win.")
    boolean quick;

    @Option(names = "--warmup", converter = Durations.class,
            description = "wrk warm-up before each measured row, and of each path before the streaming probe; "
                    + "the sparse rows' unmeasured run is as long, at most 5s (default 20s; --quick 2s).")
    Duration warmup;

    @Option(names = "--duration", converter = Durations.class,
            description = "Each measured wrk row, and each sparse row (default 15s; --quick 3s).")
    Duration duration;

    @Option(names = "--streams", description = "Measured streams per path (default 40; --quick 5).")
    Integer streams;

    @Option(names = "--batch-lines", description = "Lines of each batch (default 50000; --quick 2000).")
    Integer batchLines;

    @Option(names = "--upload-mb", description = "Size of the large upload in MB; the small one is a tenth "
            + "(default 200; --quick 20).")
    Integer uploadMegabytes;

    @Option(names = "--skip-batch", description = "Skip the batch and memory parts.")
    boolean skipBatch;

    @Option(names = "--scheduling", description = "Run the scheduling benchmark instead (about 11 minutes; "
            + "--quick about 4): one model with 16 slots behind gateway-http, interactive traffic in waves, four "
            + "batches of two users with tight, moderate and relaxed windows; interactive alone, then with the batches "
            + "under GATEWAY_SCHEDULER_MODE=fair, then fifo. Reports interactive TTFT and latency p99 in bursts "
            + "against the baseline, idle capacity used, completion times and order, and fairness, with a chart "
            + "(<report>-scheduling.png). Needs no wrk.")
    boolean scheduling;

    @Option(names = "--globus", description = "Run the Globus Compute benchmark instead (about 2 minutes with the "
            + "default durations): non-streaming chat at c=64 through one Globus Compute client, against a fake "
            + "service that enforces 20 requests per 10 s and runs each task 200 ms, with results over AMQP and with "
            + "polling alone; reports requests/s, the service's 429s and the latency added to the task's time.")
    boolean globus;

    @Option(names = "--serve", description = "Measure nothing: start the stack (backends, gateway-http, one worker), "
            + "print its URLs, API key and pids, and keep it running until Ctrl-C, for profiling by hand.")
    boolean serve;

    @Option(names = "--worker-concurrency", defaultValue = "32",
            description = "Lines each batch worker runs at once (GATEWAY_WORKER_CONCURRENCY; default ${DEFAULT-VALUE}).")
    int workerConcurrency;

    @Option(names = "--gateway-xmx", defaultValue = "512m", description = "Heap of gateway-http (default ${DEFAULT-VALUE}).")
    String gatewayHeap;

    @Option(names = "--worker-xmx", defaultValue = "768m", description = "Heap of each batch worker (default ${DEFAULT-VALUE}).")
    String workerHeap;

    @Option(names = "--backend-xmx", defaultValue = "256m", description = "Heap of each simulated backend (default ${DEFAULT-VALUE}).")
    String backendHeap;

    @Option(names = "--output-dir", defaultValue = "results", description = "Where the report is saved (default ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--project-root", defaultValue = ".", description = "The repository, whose modules are built (default ${DEFAULT-VALUE}).")
    Path projectRoot;

    @Override
    public Integer call() throws InterruptedException {
        if (scheduling) {
            BenchOptions options = options();
            StackSettings stack = new StackSettings(new Classpaths(options.projectRoot()), gatewayHeap, workerHeap,
                    backendHeap, workerConcurrency);
            SchedulingPlan plan = quick ? SchedulingPlan.quick() : SchedulingPlan.standard();
            Path saved = new SchedulingRun(options, stack, plan, BenchMain::progress).run(System.out);
            progress("saved " + saved);
            return 0;
        }
        if (!onPath("wrk")) {
            System.err.println("bin/bench needs wrk: install it with `apt-get install wrk`.");
            return 2;
        }
        BenchOptions options = options();
        StackSettings stack = new StackSettings(new Classpaths(options.projectRoot()), gatewayHeap, workerHeap,
                backendHeap, workerConcurrency);
        if (globus) {
            Path saved = new GlobusRun(options, stack, BenchMain::progress).run(System.out);
            progress("saved " + saved);
            return 0;
        }
        if (serve) {
            new ServeMode(stack).run(System.out);
            return 0;
        }
        Path saved = new BenchRun(options, stack, BenchMain::progress).run(System.out);
        progress("saved " + saved);
        return 0;
    }

    BenchOptions options() {
        Path root = projectRoot.toAbsolutePath().normalize();
        return new BenchOptions(quick,
                warmup != null ? warmup : quick ? BenchOptions.QUICK_WARMUP : BenchOptions.DEFAULT_WARMUP,
                duration != null ? duration : quick ? BenchOptions.QUICK_DURATION : BenchOptions.DEFAULT_DURATION,
                streams != null ? streams : quick ? 5 : 40,
                quick ? 2 : 10,
                batchLines != null ? batchLines : quick ? 2_000 : BatchInputFiles.MAX_LINES,
                (uploadMegabytes != null ? uploadMegabytes : quick ? 20 : 200) * 1_000_000L,
                skipBatch, root.resolve(outputDir), root);
    }

    private static void progress(String message) {
        System.err.println("[bench " + LocalTime.now().format(CLOCK) + "] " + message);
    }

    /** Whether {@code program} is an executable in a directory of PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("bin/bench failed: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
