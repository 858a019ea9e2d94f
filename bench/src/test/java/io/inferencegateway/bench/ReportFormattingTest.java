package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReportFormattingTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void interactiveRowsCompareEachRouteWithDirectAtTheSameConcurrency() {
        String table = InteractiveSection.table(List.of(
                load(InteractiveBench.DIRECT, 1, 5_000, 180),
                load(InteractiveBench.OPENAI, 1, 4_000, 240),
                load(InteractiveBench.FIRST, 1, 1_000, 900),
                load(InteractiveBench.DIRECT, 16, 20_000, 700),
                load(InteractiveBench.BARE_PROXY, 16, 12_000, 1_000),
                load(InteractiveBench.OPENAI, 16, 9_000, 1_500),
                load(InteractiveBench.FIRST, 16, 7_000, 2_000),
                load(InteractiveBench.DIRECT, 64, 22_000, 2_800),
                load(InteractiveBench.OPENAI, 64, 10_000, 6_000))).render();

        assertThat(table).contains("| path | c | requests/s | p50 | p99 | errors | added p50 | through / direct | target |")
                .contains("| direct | 1 | 5,000 | 0.180 ms | 1.800 ms | 0 | — | — |  |")
                .contains("| gateway /v1 | 1 | 4,000 | 0.240 ms | 2.400 ms | 0 | +0.060 ms | 0.80 | added p50 ≤ 0.5 ms ✓ |")
                .contains("| gateway FIRST | 1 | 1,000 | 0.900 ms | 9.000 ms | 0 | +0.720 ms | 0.20 | added p50 ≤ 0.5 ms ✗ |")
                .contains("| bare Jetty proxy | 16 | 12,000 | 1.000 ms | 10.00 ms | 0 | +0.300 ms | 0.60 |  |")
                .contains("| gateway /v1 | 16 | 9,000 | 1.500 ms | 15.00 ms | 0 | +0.800 ms | 0.45 | ≥ 0.40 ✓ |")
                .contains("| gateway FIRST | 16 | 7,000 | 2.000 ms | 20.00 ms | 0 | +1.300 ms | 0.35 | ≥ 0.40 ✗ |")
                .contains("| gateway /v1 | 64 | 10,000 | 6.000 ms | 60.00 ms | 0 | +3.200 ms | 0.45 |  |");
    }

    @Test
    void thePeerIsComparedWithDirectButJudgedByNoTarget() {
        String table = InteractiveSection.table(List.of(
                load(InteractiveBench.DIRECT, 16, 20_000, 700),
                load(InteractiveBench.OPENAI, 16, 9_000, 1_500),
                load(PortkeyPeer.LABEL, 16, 4_000, 3_000))).render();

        assertThat(table).contains("| " + PortkeyPeer.LABEL + " | 16 | 4,000 | 3.000 ms | 30.00 ms | 0 | +2.300 ms | 0.20 |  |");
    }

    @Test
    void aPeerThatCouldNotRunSaysWhyInItsRow() {
        String section = InteractiveSection.render(List.of(load(InteractiveBench.DIRECT, 1, 5_000, 180)),
                Optional.of("npm is not installed (not on PATH)"));

        assertThat(section).contains("| " + PortkeyPeer.LABEL + " | — | not measured: npm is not installed (not on "
                + "PATH) | — | — | — | — | — |  |");
    }

    @Test
    void sparseRowsJudgeWhatTheGatewayAddsWhenItIdlesBetweenRequests() {
        SparseReport report = new SparseReport(
                List.of(sparse(InteractiveBench.DIRECT, 0.30, 0.31, 0.50),
                        sparse(InteractiveBench.OPENAI, 0.60, 0.65, 1.20),
                        sparse(InteractiveBench.FIRST, 0.90, 1.00, 2.00)),
                List.of(sparse(InteractiveBench.DIRECT, 20.5, 20.6, 21.0),
                        sparse(InteractiveBench.OPENAI, 21.9, 22.0, 23.0)));

        String section = SparseSection.render(report);

        assertThat(section).contains("## Sparse traffic: one request every 20 ms")
                .contains("| path | requests | p50 | p99 | errors | added p50 | target |")
                .contains("| direct | 3 | 0.310 ms | 0.500 ms | 0 | — |  |")
                .contains("| gateway /v1 | 3 | 0.650 ms | 1.200 ms | 0 | +0.340 ms | added p50 ≤ 0.4 ms ✓ |")
                .contains("| gateway FIRST | 3 | 1.000 ms | 2.000 ms | 0 | +0.690 ms | added p50 ≤ 0.4 ms ✗ |")
                .contains("Streamed chat of 1 token")
                .contains("| path | streams | TTFT p50 | TTFT p99 | errors | added TTFT p50 | target |")
                .contains("| gateway /v1 | 3 | 22.00 ms | 23.00 ms | 0 | +1.400 ms | added p50 ≤ 1 ms ✗ |");
        assertThat(ReportWriter.markdown(report(false))).doesNotContain("Sparse traffic");
    }

    @Test
    void cpuTableSplitsEachRunsCpuTimePerRequestBetweenTheProcesses() {
        Map<String, Double> direct = new LinkedHashMap<>();
        direct.put(CpuGroups.GATEWAY, 0.1);
        direct.put(CpuGroups.BACKENDS, 33.4);
        Map<String, Double> gateway = new LinkedHashMap<>();
        gateway.put(CpuGroups.GATEWAY, 84.25);
        gateway.put(CpuGroups.BACKENDS, 152.0);
        List<LoadMeasurement> runs = List.of(
                withCpu(load(InteractiveBench.DIRECT, 16, 41_000, 300), new CpuUse(direct, 48.0, 0.985)),
                withCpu(load(InteractiveBench.OPENAI, 16, 10_500, 1_300), new CpuUse(gateway, 187.5, 0.99)),
                load(InteractiveBench.FIRST, 16, 10_000, 1_400));

        String table = InteractiveSection.cpuTable(runs).render();

        assertThat(table).contains("| path | c | requests/s | gateway-http | backends | whole machine | machine busy |")
                .contains("| direct | 16 | 41,000 | 0.1 | 33.4 | 48.0 | 99 % |")
                .contains("| gateway /v1 | 16 | 10,500 | 84.3 | 152 | 188 | 99 % |")
                .contains("| gateway FIRST | 16 | 10,000 | — | — | — | — |");
        assertThat(InteractiveSection.render(runs)).contains("### Where the CPU went");
        assertThat(InteractiveSection.render(List.of(load(InteractiveBench.DIRECT, 1, 5_000, 180))))
                .doesNotContain("Where the CPU went");
    }

    @Test
    void streamingRowsShowWhatTheGatewayAddsToTheFirstToken() {
        Map<String, StreamStats> stats = new LinkedHashMap<>();
        stats.put(InteractiveBench.DIRECT, new StreamStats(List.of(21.0, 22.0, 23.0), List.of(50.0, 50.2, 49.9)));
        stats.put(InteractiveBench.OPENAI, new StreamStats(List.of(22.5, 23.1, 30.0), List.of(50.1, 50.3, 49.8)));

        String table = StreamingSection.table(stats).render();

        assertThat(table).contains("| direct | 3 | 22.00 ms | 23.00 ms | 50.00 ms | 50.20 ms | — | — |  |")
                .contains("| gateway /v1 | 3 | 23.10 ms | 30.00 ms | 50.10 ms | 50.30 ms | +1.100 ms | +7.000 ms "
                        + "| added p50 ≤ 2 ms ✓ |");
    }

    @Test
    void batchRowsSayWhenTheApiIsNotThereYet() {
        String reason = "not available (POST /v1/files answered 404)";
        String section = BatchSection.render(new BatchReport(null, List.of(
                BatchResult.notRun(50_000, 0, 1, 32, reason),
                BatchResult.notRun(50_000, 100, 1, 32, reason)), List.of(), List.of(), Map.of(), List.of()));

        assertThat(section).contains("| zero latency | 50,000 | 1 × 32 | " + reason + " | — | — | — | — |  |")
                .contains("| 100 ms | 50,000 | 1 × 32 | " + reason + " |")
                .doesNotContain("Two workers");
        assertThat(MemorySection.render(new BatchReport(null, List.of(BatchResult.notRun(50_000, 0, 1, 32, reason)),
                List.of(), List.of(), Map.of(), List.of()), stack())).contains("Not measured: " + reason + ".");
    }

    @Test
    void batchRowsJudgeThroughputAndTheShareOfTheLatencyBound() {
        List<BatchResult> runs = List.of(
                new BatchResult(50_000, 0, 1, 32, 20.0, 1.5, 50_000, 0, null),
                new BatchResult(50_000, 100, 1, 32, 160.0, 1.5, 50_000, 0, null),
                new BatchResult(50_000, 100, 2, 32, 85.0, 1.5, 49_990, 10, null));

        String section = BatchSection.render(new BatchReport(null, runs, List.of(
                new BatchWarmUp.Run(1, List.of(1_250.0, 2_300.0, 2_400.0)),
                new BatchWarmUp.Run(2, List.of(4_000.0, 4_150.0))), List.of(2_600.0, 2_500.0, 2_300.0), Map.of(),
                List.of()));

        assertThat(section).contains("| zero latency | 50,000 | 1 × 32 | 20.0 s | 2,500 | — | — | 0 | ≥ 5,000 lines/s ✗ |")
                .contains("| 100 ms | 50,000 | 1 × 32 | 160.0 s | 313 | 320 | 98 % | 0 | ≥ 95 % of bound ✓ |")
                .contains("| 100 ms | 50,000 | 2 × 32 | 85.0 s | 588 | 640 | 92 % | 10 | ≥ 95 % of bound ✗ |")
                .contains("Two workers / one worker (100 ms backend): 1.88 — target ≥ 1.8 ✓")
                .contains("The zero-latency row is the median of 3 batches in a row: 2,600, 2,500, 2,300 lines/s.")
                .contains("Before the zero-latency row, the fresh worker ran 3 unmeasured zero-latency batches of "
                        + "50,000 lines, until two in a row agreed within 5 %: 1,250, 2,300, 2,400 lines/s.")
                .contains("Before the two-worker row, the 2 workers (the new one fresh) ran 2 unmeasured zero-latency "
                        + "batches of 50,000 lines, until two in a row agreed within 5 %: 4,000, 4,150 lines/s.");
    }

    @Test
    void warmUpBatchesRunUntilTwoInARowAgreeOrTheLimit() {
        Iterator<Double> climbing = List.of(1_200.0, 2_200.0, 2_800.0, 3_700.0, 4_000.0, 4_100.0, 4_150.0).iterator();
        assertThat(BatchWarmUp.untilSteady(() -> zeroLatency(climbing.next())))
                .as("4,000 after 3,700 is 8 % more: still warming").containsExactly(1_200.0, 2_200.0, 2_800.0, 3_700.0,
                        4_000.0, 4_100.0);

        Iterator<Double> neverSteady = Stream.iterate(1_000.0, rate -> rate * 1.5).iterator();
        List<Double> rates = BatchWarmUp.untilSteady(() -> zeroLatency(neverSteady.next()));
        assertThat(rates).hasSize(BatchWarmUp.MAX_BATCHES);
        assertThat(BatchSection.warmUp(new BatchWarmUp.Run(1, rates), List.of(zeroLatency(9_000))))
                .hasValueSatisfying(line -> assertThat(line).contains("batches of 50,000 lines, not yet steady: "));
    }

    @Test
    void theZeroLatencyRowIsTheMedianRunOrTheFirstThatHasNoFigure() {
        assertThat(BatchResult.median(List.of(zeroLatency(5_600), zeroLatency(4_200), zeroLatency(5_100)))
                .linesPerSecond()).isCloseTo(5_100, within(0.01));
        BatchResult failed = BatchResult.notRun(50_000, 0, 1, 32, "batch b did not end within 10 min");
        assertThat(BatchResult.median(List.of(zeroLatency(5_600), failed))).isSameAs(failed);
        assertThat(BatchSection.zeroLatencyRuns(List.of(5_600.0))).as("one run needs no line").isEmpty();
    }

    private static BatchResult zeroLatency(double linesPerSecond) {
        return new BatchResult(50_000, 0, 1, 32, 50_000 / linesPerSecond, 1, 50_000, 0, null);
    }

    @Test
    void memoryRowsJudgeTheWorkerAndTheHeapAgainstTheUploadSize() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("worker-1", 800 * MIB);
        rss.put("gateway", 300 * MIB);
        List<UploadMemory> uploads = List.of(
                new UploadMemory(20_000_000, 200, 0.4, 250 * MIB, 120 * MIB, 40 * MIB, 35 * MIB),
                new UploadMemory(200_000_000, 200, 3.0, 260 * MIB, 130 * MIB, 45 * MIB, 35 * MIB));
        BatchReport report = new BatchReport(null, List.of(new BatchResult(50_000, 0, 1, 32, 20, 1, 50_000, 0, null)),
                List.of(), List.of(), rss, uploads);

        String table = MemorySection.table(report, stack()).render();

        assertThat(table).contains("| worker-1 | zero-latency batches of 50,000 lines | 768m | 800 MiB | — | — | ≤ 768 MiB ✗ |")
                .contains("| gateway | zero-latency batches of 50,000 lines | 512m | 300 MiB | — | — |  |")
                .contains("| gateway | upload of 20 MB in 0.40 s | 512m | 250 MiB | 120 MiB (40 MiB) | 35 MiB |  |")
                .contains("| gateway | upload of 200 MB in 3.00 s | 512m | 260 MiB | 130 MiB (45 MiB) | 35 MiB | "
                        + "old gen +5 MiB vs the 20 MB upload, ≤ +17 MiB ✓ |");
    }

    @Test
    void aHeapThatHoldsTheUploadFailsTheTarget() {
        Target target = MemorySection.heapGrowth(
                new UploadMemory(20_000_000, 200, 1, 0, 0, 40 * MIB, 0),
                new UploadMemory(200_000_000, 200, 1, 0, 0, 240 * MIB, 0));

        assertThat(target.met()).isFalse();
        assertThat(target.render()).isEqualTo("old gen +200 MiB vs the 20 MB upload, ≤ +17 MiB ✗");
    }

    @Test
    void headerNamesTheMachineAndWarnsAboutQuickRuns() {
        BenchReport report = report(true);

        String header = ReportWriter.header(report);

        assertThat(header).contains("| date | 2026-01-02 03:04 UTC |")
                .contains("| commit | abc1234+changes |")
                .contains("| machine | 2 cores (Test CPU), 24.0 GiB memory |")
                .contains("| JDK | 25 (Test) |")
                .contains("| load average (1 min) | 0.50 at start, 1.50 at end |")
                .contains("gateway and bare proxy -Xmx512m each; batch worker -Xmx768m, GATEWAY_WORKER_CONCURRENCY=32; "
                        + "each simulated backend -Xmx256m")
                .contains("wrk: warm-up 20 s, then 15 s measured, per row")
                .contains("streaming: wrk warm-up 20 s of 32 short streams at a time, then 10 + 40 streams per path")
                .contains("uploads of 20 MB and 200 MB")
                .contains("Quick smoke run");
        assertThat(ReportWriter.header(report(false))).doesNotContain("Quick smoke run");
    }

    @Test
    void fileNamesCarryTheDateTheCommitAndQuick() {
        assertThat(ReportWriter.fileBase(LocalDate.of(2026, 1, 2), "abc1234", false)).isEqualTo("2026-01-02-abc1234");
        assertThat(ReportWriter.fileBase(LocalDate.of(2026, 1, 2), "abc1234", true)).isEqualTo("2026-01-02-abc1234-quick");
        assertThat(report(false).machine().shortCommit()).isEqualTo("abc1234");
    }

    @Test
    void tablesEscapePipes() {
        assertThat(new MarkdownTable("a", "b").row("x|y", "z").render())
                .isEqualTo("| a | b |\n|---|---|\n| x\\|y | z |\n");
    }

    @Test
    void figuresAreWrittenCompactly() {
        assertThat(Formats.millis(0.1523)).isEqualTo("0.152 ms");
        assertThat(Formats.millis(12.4)).isEqualTo("12.40 ms");
        assertThat(Formats.millis(105.34)).isEqualTo("105.3 ms");
        assertThat(Formats.addedMillis(-0.2)).isEqualTo("-0.200 ms");
        assertThat(Formats.rate(12_345.6)).isEqualTo("12,346");
        assertThat(Formats.rate(42.25)).isEqualTo("42.3");
        assertThat(Formats.percent(0.904)).isEqualTo("90 %");
        assertThat(Formats.plain(0.5)).isEqualTo("0.5");
        assertThat(Formats.plain(2.0)).isEqualTo("2");
    }

    private static LoadMeasurement load(String path, int connections, double requestsPerSecond, double p50Micros) {
        long duration = 10_000_000;
        long requests = Math.round(requestsPerSecond * duration / 1_000_000);
        return new LoadMeasurement(path, connections, new WrkResult(requests, duration, 0, p50Micros, p50Micros * 2,
                p50Micros * 10, p50Micros, p50Micros * 20), Optional.empty());
    }

    private static SparseMeasurement sparse(String path, double... latenciesMillis) {
        List<Double> latencies = Arrays.stream(latenciesMillis).boxed().toList();
        return new SparseMeasurement(path, new OpenLoad.Result(latencies.size(), 0, 1.0, latencies));
    }

    private static LoadMeasurement withCpu(LoadMeasurement measurement, CpuUse cpu) {
        return new LoadMeasurement(measurement.path(), measurement.connections(), measurement.result(),
                Optional.of(cpu));
    }

    private static StackSettings stack() {
        return new StackSettings(new Classpaths(Path.of(".")), "512m", "768m", "256m", 32);
    }

    private static BenchReport report(boolean quick) {
        BenchOptions options = new BenchOptions(quick, Duration.ofSeconds(20), Duration.ofSeconds(15), 40, 10, 50_000,
                200_000_000, false, Path.of("results"), Path.of("."));
        MachineInfo machine = new MachineInfo("abc1234+changes", 2, 24L * 1024 * MIB, "Test CPU", "25 (Test)");
        return new BenchReport(ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC), machine, "0.50", "1.50",
                options, stack(), List.of(), Optional.empty(), Map.of(), SparseReport.none(),
                BatchReport.skipped("--skip-batch"));
    }
}
