package io.inferencegateway.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The batch and memory part: one worker with the zero-latency backend (RSS of the gateway and the worker sampled
 * meanwhile), one worker then two with the 100 ms backend, then a small and a large upload to the gateway.
 */
final class BatchPhase {

    /** Zero-latency batches in a row whose median is the first row. */
    static final int ZERO_LATENCY_RUNS = 3;
    /** Time for a new worker to join the consumer group before a batch is submitted. */
    private static final Duration WORKER_SETTLE = Duration.ofSeconds(10);

    private final Stack stack;
    private final BenchOptions options;
    private final ChildProcesses tools;
    private final Consumer<String> progress;
    private final OpenAiBatchApi api;

    BatchPhase(Stack stack, HttpClient client, BenchOptions options, ChildProcesses tools, Consumer<String> progress) {
        this.stack = stack;
        this.options = options;
        this.tools = tools;
        this.progress = progress;
        this.api = new OpenAiBatchApi(client, stack.gatewayUrl(), stack.apiKey());
    }

    BatchReport run() {
        int lines = options.batchLines();
        int concurrency = stack.settings().workerConcurrency();
        BatchDriver driver = new BatchDriver(api, stack.scratch("batch"));
        Optional<String> unavailable = driver.unavailable();
        if (unavailable.isPresent()) {
            progress.accept("batch: " + unavailable.get());
            return new BatchReport(null, List.of(
                    BatchResult.notRun(lines, 0, 1, concurrency, unavailable.get()),
                    BatchResult.notRun(lines, BenchModels.SLOW_LATENCY_MS, 1, concurrency, unavailable.get()),
                    BatchResult.notRun(lines, BenchModels.SLOW_LATENCY_MS, 2, concurrency, unavailable.get())),
                    List.of(), List.of(), Map.of(), List.of());
        }
        List<BatchResult> runs = new ArrayList<>();
        ChildJvm worker = startWorker();
        List<BatchWarmUp.Run> warmUps = new ArrayList<>();
        warmUps.add(warmUp(driver, lines, 1, concurrency));
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put(worker.name(), worker.pid());
        pids.put("gateway", stack.gateway().pid());
        RssSampler rss = RssSampler.start(pids);
        List<BatchResult> zeroLatency = new ArrayList<>();
        while (zeroLatency.size() < ZERO_LATENCY_RUNS
                && (zeroLatency.isEmpty() || zeroLatency.getLast().measured())) {
            progress.accept("batch: " + lines + " lines, zero-latency backend, one worker (" + (zeroLatency.size() + 1)
                    + " of " + ZERO_LATENCY_RUNS + ")");
            zeroLatency.add(driver.run(BenchModels.FAST, lines, 0, 1, concurrency));
        }
        runs.add(BatchResult.median(zeroLatency));
        Map<String, Long> batchPeakRss = rss.peaks();
        progress.accept("batch: " + lines + " lines, " + BenchModels.SLOW_LATENCY_MS + " ms backend, one worker");
        runs.add(driver.run(BenchModels.SLOW, lines, BenchModels.SLOW_LATENCY_MS, 1, concurrency));
        startWorker();
        warmUps.add(warmUp(driver, lines, 2, concurrency));
        progress.accept("batch: " + lines + " lines, " + BenchModels.SLOW_LATENCY_MS + " ms backend, two workers");
        runs.add(driver.run(BenchModels.SLOW, lines, BenchModels.SLOW_LATENCY_MS, 2, concurrency));
        UploadProbe uploads = new UploadProbe(api, stack.gateway(), tools, stack.scratch("uploads"));
        List<UploadMemory> uploaded = new ArrayList<>();
        for (long bytes : List.of(options.smallUploadBytes(), options.uploadBytes())) {
            progress.accept("memory: upload of " + Formats.megabytes(bytes));
            uploaded.add(uploads.upload(bytes));
        }
        return new BatchReport(null, runs, warmUps, zeroLatency.stream().filter(BatchResult::measured)
                .map(BatchResult::linesPerSecond).toList(), batchPeakRss, uploaded);
    }

    /** Unmeasured zero-latency batches with {@code workers} workers, until steady ({@link BatchWarmUp}). */
    private BatchWarmUp.Run warmUp(BatchDriver driver, int lines, int workers, int concurrency) {
        return new BatchWarmUp.Run(workers, BatchWarmUp.untilSteady(() -> {
            progress.accept("batch: warm-up of " + lines + " lines, zero-latency backend, " + workers + " worker"
                    + (workers == 1 ? "" : "s"));
            return driver.run(BenchModels.FAST, lines, 0, workers, concurrency);
        }));
    }

    private ChildJvm startWorker() {
        ChildJvm worker = stack.startWorker();
        progress.accept("batch: " + worker.name() + " ready; letting it join for " + Durations.human(WORKER_SETTLE));
        try {
            Thread.sleep(WORKER_SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        return worker;
    }
}
