package io.inferencegateway.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report's scheduling section: interactive traffic against its baseline, then the batches, fair beside fifo. */
final class SchedulingSection {

    private SchedulingSection() {
    }

    static String render(SchedulingPlan plan, ScenarioResult baseline, List<ScenarioResult> scenarios,
                         String chartFile) {
        StringBuilder out = new StringBuilder("## Scheduling: batches beside interactive traffic\n\n");
        out.append(setup(plan)).append("\n\n### Interactive requests during bursts\n\n")
                .append("Streamed chat completions through the gateway, sent open loop; TTFT to the first content ")
                .append("event, latency to the end of the stream. Target for each ratio to the baseline (no ")
                .append("batches): at most ")
                .append(Formats.plain(Target.SCHEDULING_P99_RATIO)).append(". Errors count every period.\n\n")
                .append(interactive(baseline, scenarios).render())
                .append("\n### Batches\n\n")
                .append("Idle capacity: the model's running requests over its slots, sampled every 200 ms in the ")
                .append("idle periods while batch lines were left (the idle traffic itself holds about one slot). ")
                .append("Times from `POST /v1/batches` to the first poll (every 500 ms) that sees the batch ended. ")
                .append("Fairness: Jain's index of the lines the two relaxed jobs (equal windows, different users, ")
                .append("submitted together) had done when the first of them was done.\n\n")
                .append(batches(plan, scenarios).render())
                .append("\n### What the scheduler did\n\n")
                .append("Means over the samples of each kind of period (waiting: mean / largest).\n\n")
                .append(scheduler(plan, baseline, scenarios).render());
        if (chartFile != null) {
            out.append("\n![Completed lines per job, the model's running and waiting requests, the scheduler's budget ")
                    .append("and interactive TTFT over time, fair (solid) and fifo (dashed), bursts shaded](")
                    .append(chartFile).append(")\n");
        }
        return out.toString();
    }

    static String setup(SchedulingPlan plan) {
        String jobs = plan.jobs().stream().map(job -> job.name() + " (" + job.user().replace("bench-", "")
                + ", " + job.window() + ", " + Formats.count(job.lines()) + " lines)").collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "One model (`%s`, simulated: %d slots, a line ~%d ms alone, a stream's "
                + "first token after %d ms then %d tokens at %d/s, each step %s× slower with every slot busy) behind "
                + "gateway-http, and %d batch workers. Interactive waves: %d × (burst %s at %s requests/s, idle %s at "
                + "%s/s). Batches, submitted in this order at the start of the waves: %s; then up to %s more for them "
                + "to end. Scenarios: baseline (interactive only), `fair` (the scheduler) and `fifo` "
                + "(`GATEWAY_SCHEDULER_MODE=fifo`: submission order, fixed concurrency per worker), with new workers "
                + "for each.", SchedulingPlan.MODEL, plan.slots(), SchedulingPlan.LINE_LATENCY_MS,
                SchedulingPlan.STREAM_TTFT_MS, SchedulingPlan.STREAM_TOKENS, SchedulingPlan.STREAM_TOKENS_PER_SECOND,
                Formats.plain(plan.stepSlowdown()), SchedulingScenario.WORKERS, plan.cycles(),
                Durations.human(plan.burst()), Formats.plain(plan.burstRate()), Durations.human(plan.idle()),
                Formats.plain(plan.idleRate()), jobs, Durations.human(plan.tail()));
    }

    static MarkdownTable interactive(ScenarioResult baseline, List<ScenarioResult> scenarios) {
        MarkdownTable table = new MarkdownTable("scenario", "burst requests", "errors", "TTFT p50", "TTFT p99",
                "TTFT p99 / baseline", "latency p50", "latency p99", "latency p99 / baseline");
        double baseTtft = SchedulingFigures.burstPercentile(baseline, WaveLoad.Request::ttftMillis, 99);
        double baseLatency = SchedulingFigures.burstPercentile(baseline, WaveLoad.Request::latencyMillis, 99);
        for (ScenarioResult scenario : prepend(baseline, scenarios)) {
            double ttft = SchedulingFigures.burstPercentile(scenario, WaveLoad.Request::ttftMillis, 99);
            double latency = SchedulingFigures.burstPercentile(scenario, WaveLoad.Request::latencyMillis, 99);
            boolean isBaseline = scenario == baseline;
            table.row(scenario.name(), Formats.count(SchedulingFigures.burstRequests(scenario)),
                    Formats.count(SchedulingFigures.errors(scenario)),
                    time(SchedulingFigures.burstPercentile(scenario, WaveLoad.Request::ttftMillis, 50)),
                    time(ttft), isBaseline ? "—" : ratio(ttft / baseTtft),
                    time(SchedulingFigures.burstPercentile(scenario, WaveLoad.Request::latencyMillis, 50)),
                    time(latency), isBaseline ? "—" : ratio(latency / baseLatency));
        }
        return table;
    }

    static MarkdownTable batches(SchedulingPlan plan, List<ScenarioResult> scenarios) {
        String[] headers = new String[scenarios.size() + 2];
        headers[0] = "";
        for (int i = 0; i < scenarios.size(); i++) {
            headers[i + 1] = scenarios.get(i).name();
        }
        headers[headers.length - 1] = "target";
        MarkdownTable table = new MarkdownTable(headers);
        table.row(row("idle capacity used", "≥ " + Formats.percent(Target.IDLE_CAPACITY_SHARE), scenarios, s -> {
            double share = SchedulingFigures.idleSlotsBusy(s, plan.phases(), plan.slots());
            return Formats.percent(share) + " of " + Formats.seconds(SchedulingFigures.idleSecondsCounted(s,
                    plan.phases())) + " " + Target.atLeast("", share, Target.IDLE_CAPACITY_SHARE).mark();
        }));
        for (SchedulingPlan.Job job : plan.jobs()) {
            table.row(row(job.name() + " (" + job.window() + ", " + Formats.count(job.lines()) + " lines)",
                    "completed within " + job.window(), scenarios, s -> jobCell(s, job)));
        }
        table.row(row("completion order", "tight < moderate < relaxed", scenarios, s ->
                SchedulingFigures.completionOrder(s).stream().map(j -> j.job().name()
                                + (j.status().equals("completed") ? "" : " (" + j.status() + ")"))
                        .collect(Collectors.joining(" < ")) + " "
                        + new Target("", SchedulingFigures.completedByDeadline(s)).mark()));
        table.row(row("fairness (relaxed A, relaxed B)", "Jain ≥ " + Formats.plain(Target.JAIN_INDEX), scenarios,
                s -> {
                    long[] lines = SchedulingFigures.pairLines(s);
                    double jain = SchedulingFigures.jain(lines);
                    return lines.length == 0 ? "—" : Formats.ratio(jain) + " (" + lines[0] + " / " + lines[1]
                            + " lines) " + Target.atLeast("", jain, Target.JAIN_INDEX).mark();
                }));
        return table;
    }

    static MarkdownTable scheduler(SchedulingPlan plan, ScenarioResult baseline, List<ScenarioResult> scenarios) {
        MarkdownTable table = new MarkdownTable("scenario", "period", "model running", "model waiting",
                "batch lines in flight", "scheduler budget");
        List<SchedulingPlan.Phase> phases = plan.phases();
        for (ScenarioResult s : prepend(baseline, scenarios)) {
            for (boolean burst : new boolean[] {true, false}) {
                table.row(s.name(), burst ? "bursts" : "idle",
                        one(SchedulingFigures.meanIn(s.backend(), b -> b.millis(), b -> b.running(), phases, burst)),
                        one(SchedulingFigures.meanIn(s.backend(), b -> b.millis(), b -> b.waiting(), phases, burst))
                                + " / " + one(SchedulingFigures.maxIn(s.backend(), b -> b.millis(),
                                b -> b.waiting(), phases, burst)),
                        one(SchedulingFigures.meanIn(s.scheduler(), w -> w.millis(), w -> w.linesInFlight(), phases,
                                burst)),
                        one(SchedulingFigures.meanIn(s.scheduler(), w -> w.millis(), w -> w.budget(), phases,
                                burst)));
            }
        }
        return table;
    }

    private static String jobCell(ScenarioResult scenario, SchedulingPlan.Job job) {
        ScenarioResult.JobOutcome outcome = scenario.jobs().stream().filter(j -> j.job().equals(job)).findFirst()
                .orElse(null);
        if (outcome == null) {
            return "—";
        }
        if (Double.isNaN(outcome.endedMillis())) {
            return outcome.status() + ", " + outcome.completed() + " lines done at the end ✗";
        }
        String how = outcome.status().equals("completed") && outcome.failed() == 0 ? ""
                : " " + outcome.status() + " (" + outcome.completed() + " done, " + outcome.failed() + " failed)";
        return Formats.seconds(outcome.seconds()) + how + " " + new Target("", outcome.windowMet()).mark();
    }

    private static String[] row(String label, String target, List<ScenarioResult> scenarios,
                                java.util.function.Function<ScenarioResult, String> cell) {
        String[] cells = new String[scenarios.size() + 2];
        cells[0] = label;
        for (int i = 0; i < scenarios.size(); i++) {
            cells[i + 1] = cell.apply(scenarios.get(i));
        }
        cells[cells.length - 1] = target;
        return cells;
    }

    private static String ratio(double ratio) {
        return Formats.ratio(ratio) + " " + Target.atMost("", ratio, Target.SCHEDULING_P99_RATIO).mark();
    }

    /** Milliseconds below a second, seconds above: {@code 312.5 ms}, {@code 6.18 s}. */
    private static String time(double millis) {
        return millis < 1000 || Double.isNaN(millis) ? Formats.millis(millis) : Formats.seconds(millis / 1000);
    }

    private static String one(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static List<ScenarioResult> prepend(ScenarioResult first, List<ScenarioResult> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
