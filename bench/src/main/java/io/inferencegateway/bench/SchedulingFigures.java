package io.inferencegateway.bench;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The scheduling benchmark's figures, computed from what a scenario sampled. */
final class SchedulingFigures {

    private SchedulingFigures() {
    }

    /** A percentile of the burst requests that succeeded, by {@code value} (TTFT or latency), in milliseconds. */
    static double burstPercentile(ScenarioResult scenario, ToDoubleFunction<WaveLoad.Request> value, double percent) {
        return Percentiles.of(scenario.interactive().stream().filter(r -> r.burst() && r.ok())
                .map(r -> value.applyAsDouble(r)).toList(), percent);
    }

    static long burstRequests(ScenarioResult scenario) {
        return scenario.interactive().stream().filter(WaveLoad.Request::burst).count();
    }

    /** Interactive requests (bursts and idle periods) that got no 200 with content. */
    static long errors(ScenarioResult scenario) {
        return scenario.interactive().stream().filter(r -> !r.ok()).count();
    }

    /**
     * When the batches' last line was done: the first poll at which every job counted all its lines (or had
     * ended); infinite when that never happened, and 0 when there were no batches.
     */
    static double batchesDoneMillis(ScenarioResult scenario) {
        double done = 0;
        for (ScenarioResult.JobOutcome job : scenario.jobs()) {
            done = Math.max(done, jobDoneMillis(scenario, job.job()));
        }
        return done;
    }

    /** The first poll at which {@code job} had counted all its lines or ended; infinite if none did. */
    static double jobDoneMillis(ScenarioResult scenario, SchedulingPlan.Job job) {
        return scenario.progress().stream().filter(s -> s.job().equals(job.name()))
                .filter(s -> s.completed() + s.failed() >= job.lines() || isEnded(s.status()))
                .mapToDouble(ScenarioResult.ProgressSample::millis).min().orElse(Double.POSITIVE_INFINITY);
    }

    /**
     * The share of the model's slots busy during the idle periods while batch lines were left (for the baseline,
     * during every idle period): the mean of the running requests sampled then, over the slots. NaN without
     * samples.
     */
    static double idleSlotsBusy(ScenarioResult scenario, List<SchedulingPlan.Phase> phases, int slots) {
        double until = scenario.jobs().isEmpty() ? Double.POSITIVE_INFINITY : batchesDoneMillis(scenario);
        return scenario.backend().stream()
                .filter(s -> s.millis() < until && phases.stream().anyMatch(p -> !p.burst() && p.contains(s.millis())))
                .mapToDouble(s -> s.running() / slots).average().orElse(Double.NaN);
    }

    /** Idle-period time counted by {@link #idleSlotsBusy}, in seconds. */
    static double idleSecondsCounted(ScenarioResult scenario, List<SchedulingPlan.Phase> phases) {
        double until = scenario.jobs().isEmpty() ? Double.POSITIVE_INFINITY : batchesDoneMillis(scenario);
        return phases.stream().filter(p -> !p.burst())
                .mapToDouble(p -> Math.max(0, Math.min(p.endMillis(), until) - p.startMillis())).sum() / 1000.0;
    }

    /** The mean of {@code value} over the samples taken in bursts ({@code burst}) or in idle periods. */
    static <T> double meanIn(List<T> samples, ToDoubleFunction<T> millis, ToDoubleFunction<T> value,
                             List<SchedulingPlan.Phase> phases, boolean burst) {
        return samples.stream().filter(s -> phases.stream()
                        .anyMatch(p -> p.burst() == burst && p.contains(millis.applyAsDouble(s))))
                .mapToDouble(value).average().orElse(Double.NaN);
    }

    /** The largest {@code value} over the samples taken in bursts ({@code burst}) or in idle periods. */
    static <T> double maxIn(List<T> samples, ToDoubleFunction<T> millis, ToDoubleFunction<T> value,
                            List<SchedulingPlan.Phase> phases, boolean burst) {
        return samples.stream().filter(s -> phases.stream()
                        .anyMatch(p -> p.burst() == burst && p.contains(millis.applyAsDouble(s))))
                .mapToDouble(value).max().orElse(Double.NaN);
    }

    /** The jobs in the order they ended; those that never did last, in submission order. */
    static List<ScenarioResult.JobOutcome> completionOrder(ScenarioResult scenario) {
        return scenario.jobs().stream().sorted(Comparator.comparingDouble(j -> Double.isNaN(j.endedMillis())
                ? Double.POSITIVE_INFINITY : j.endedMillis())).toList();
    }

    /**
     * Whether the jobs completed in the order of their windows: each completed, and each strictly before every job
     * of a longer window (jobs of equal windows in either order).
     */
    static boolean completedByDeadline(ScenarioResult scenario) {
        for (ScenarioResult.JobOutcome a : scenario.jobs()) {
            if (!a.status().equals("completed") || Double.isNaN(a.endedMillis())) {
                return false;
            }
            for (ScenarioResult.JobOutcome b : scenario.jobs()) {
                if (a.job().windowDuration().compareTo(b.job().windowDuration()) < 0
                        && !(a.endedMillis() < b.endedMillis())) {
                    return false;
                }
            }
        }
        return !scenario.jobs().isEmpty();
    }

    /**
     * The lines each job of the fairness pair had done when the first of them was done (both had lines left until
     * then, having been submitted together): the pair's throughputs over the same time. Empty without a pair.
     */
    static long[] pairLines(ScenarioResult scenario) {
        List<SchedulingPlan.Job> pair = scenario.jobs().stream().map(ScenarioResult.JobOutcome::job)
                .filter(SchedulingPlan.Job::pair).toList();
        if (pair.size() != 2) {
            return new long[0];
        }
        double firstDone = Math.min(jobDoneMillis(scenario, pair.get(0)), jobDoneMillis(scenario, pair.get(1)));
        long[] lines = new long[2];
        for (int i = 0; i < 2; i++) {
            String name = pair.get(i).name();
            lines[i] = scenario.progress().stream().filter(s -> s.job().equals(name) && s.millis() <= firstDone)
                    .mapToLong(ScenarioResult.ProgressSample::completed).max().orElse(0);
        }
        return lines;
    }

    /** Jain's fairness index of the values: 1 when all are equal, 1/n when one got everything; NaN if all are 0. */
    static double jain(long... values) {
        double sum = 0;
        double squares = 0;
        for (long value : values) {
            sum += value;
            squares += (double) value * value;
        }
        return squares == 0 ? Double.NaN : sum * sum / (values.length * squares);
    }

    private static boolean isEnded(String status) {
        return status.equals("completed") || status.equals("failed") || status.equals("expired")
                || status.equals("cancelled");
    }
}
