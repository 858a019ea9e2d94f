package io.inferencegateway.bench;

import java.util.List;
import java.util.Optional;

/** The report's batch table: lines per second from submit to completed, and the share of the latency bound. */
final class BatchSection {

    private BatchSection() {
    }

    static String render(BatchReport report) {
        StringBuilder out = new StringBuilder("## Batch: OpenAI Files and Batches API\n\n");
        if (report.skipped() != null) {
            return out.append("Not measured: ").append(report.skipped()).append(".\n").toString();
        }
        out.append("Time from `POST /v1/batches` to the first poll (every ")
                .append(BatchDriver.POLL_INTERVAL.toMillis()).append(" ms) that sees `completed`. The bound of ")
                .append("a 100 ms backend is workers × concurrency / 0.1 s.\n\n")
                .append(table(report.runs()).render());
        twoOverOne(report.runs()).ifPresent(line -> out.append('\n').append(line).append('\n'));
        zeroLatencyRuns(report.zeroLatency()).ifPresent(line -> out.append('\n').append(line).append('\n'));
        for (BatchWarmUp.Run warmUp : report.warmUps()) {
            warmUp(warmUp, report.runs()).ifPresent(line -> out.append('\n').append(line).append('\n'));
        }
        return out.toString();
    }

    static MarkdownTable table(List<BatchResult> runs) {
        MarkdownTable table = new MarkdownTable("backend", "lines", "workers × concurrency", "submit → completed",
                "lines/s", "bound", "of bound", "failed", "target");
        for (BatchResult run : runs) {
            String backend = run.latencyMs() == 0 ? "zero latency" : run.latencyMs() + " ms";
            String slots = run.workers() + " × " + run.concurrency();
            if (!run.measured()) {
                table.row(backend, Formats.count(run.lines()), slots, run.problem(), "—", "—", "—", "—", "");
                continue;
            }
            boolean bounded = run.latencyMs() > 0;
            Target target = bounded
                    ? Target.atLeast("≥ " + Formats.percent(Target.FRACTION_OF_BOUND) + " of bound",
                            run.fractionOfBound(), Target.FRACTION_OF_BOUND)
                    : Target.atLeast("≥ " + Formats.rate(Target.ZERO_LATENCY_LINES_PER_SECOND) + " lines/s",
                            run.linesPerSecond(), Target.ZERO_LATENCY_LINES_PER_SECOND);
            table.row(backend, Formats.count(run.lines()), slots, Formats.seconds(run.seconds()),
                    Formats.rate(run.linesPerSecond()), bounded ? Formats.rate(run.bound()) : "—",
                    bounded ? Formats.percent(run.fractionOfBound()) : "—", Formats.count(run.failed()),
                    target.render());
        }
        return table;
    }

    /** The line comparing two workers with one on the 100 ms backend, when both were measured. */
    static Optional<String> twoOverOne(List<BatchResult> runs) {
        BatchResult one = bounded(runs, 1);
        BatchResult two = bounded(runs, 2);
        if (one == null || two == null) {
            return Optional.empty();
        }
        double ratio = two.linesPerSecond() / one.linesPerSecond();
        return Optional.of("Two workers / one worker (100 ms backend): " + Formats.ratio(ratio) + " — "
                + Target.atLeast("target ≥ " + Formats.plain(Target.TWO_WORKERS_OVER_ONE), ratio,
                Target.TWO_WORKERS_OVER_ONE).render());
    }

    /** The line naming the batches the zero-latency row is the median of, when there were several. */
    static Optional<String> zeroLatencyRuns(List<Double> rates) {
        if (rates.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("The zero-latency row is the median of " + rates.size() + " batches in a row: "
                + String.join(", ", rates.stream().map(Formats::rate).toList()) + " lines/s.");
    }

    /** The line naming the unmeasured batches before a row (the first, or the two-worker one), and their pace. */
    static Optional<String> warmUp(BatchWarmUp.Run warmUp, List<BatchResult> runs) {
        List<Double> rates = warmUp.linesPerSecond();
        if (rates.isEmpty() || runs.isEmpty()) {
            return Optional.empty();
        }
        String paces = String.join(", ", rates.stream().map(Formats::rate).toList());
        String who = warmUp.workers() == 1 ? "Before the zero-latency row, the fresh worker"
                : "Before the two-worker row, the " + warmUp.workers() + " workers (the new one fresh)";
        return Optional.of(who + " ran " + rates.size() + " unmeasured zero-latency batches of "
                + Formats.count(runs.getFirst().lines()) + " lines"
                + (BatchWarmUp.steady(rates) ? ", until two in a row agreed within "
                        + Formats.percent(BatchWarmUp.AGREEMENT) : ", not yet steady")
                + ": " + paces + " lines/s. A fresh worker is that slow while the JIT compiles its path.");
    }

    private static BatchResult bounded(List<BatchResult> runs, int workers) {
        return runs.stream().filter(r -> r.measured() && r.latencyMs() > 0 && r.workers() == workers)
                .findFirst().orElse(null);
    }
}
