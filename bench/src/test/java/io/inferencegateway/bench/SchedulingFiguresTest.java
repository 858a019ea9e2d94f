package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingFiguresTest {

    private static final SchedulingPlan.Job TIGHT = new SchedulingPlan.Job("tight", "a", "2m", 100, false);
    private static final SchedulingPlan.Job MODERATE = new SchedulingPlan.Job("moderate", "b", "4m", 100, false);
    private static final SchedulingPlan.Job RELAXED_A = new SchedulingPlan.Job("relaxed A", "a", "8m", 100, true);
    private static final SchedulingPlan.Job RELAXED_B = new SchedulingPlan.Job("relaxed B", "b", "8m", 100, true);
    /** Burst 0-10 s, idle 10-30 s, burst 30-40 s, idle 40-60 s. */
    private static final SchedulingPlan PLAN = new SchedulingPlan(10, 1.5, Duration.ofSeconds(10),
            Duration.ofSeconds(20), 2, 10, 1, Duration.ZERO, Duration.ZERO,
            List.of(RELAXED_A, RELAXED_B, MODERATE, TIGHT));

    @Test
    void phasesAlternateBurstsAndIdlePeriods() {
        assertThat(PLAN.phases()).containsExactly(new SchedulingPlan.Phase(0, 10_000, true),
                new SchedulingPlan.Phase(10_000, 30_000, false), new SchedulingPlan.Phase(30_000, 40_000, true),
                new SchedulingPlan.Phase(40_000, 60_000, false));
        assertThat(PLAN.waves()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jainIsOneForEqualSharesAndOneOverNWhenOneGetsAll() {
        assertThat(SchedulingFigures.jain(50, 50)).isEqualTo(1.0);
        assertThat(SchedulingFigures.jain(100, 0)).isEqualTo(0.5);
        assertThat(SchedulingFigures.jain(350, 250)).isCloseTo(0.973, within(0.001));
        assertThat(SchedulingFigures.jain(0, 0)).isNaN();
    }

    @Test
    void idleCapacityCountsIdlePeriodsOnlyWhileBatchLinesAreLeft() {
        List<ScenarioResult.BackendSample> backend = new ArrayList<>();
        for (long millis = 0; millis < 60_000; millis += 1_000) {
            // Full in bursts, 8 of 10 slots in the first idle period, 2 once the batches are done.
            double running = millis < 10_000 || (millis >= 30_000 && millis < 40_000) ? 10 : millis < 30_000 ? 8 : 2;
            backend.add(new ScenarioResult.BackendSample(millis, running, 0));
        }
        // Every job done at 30 s: the second idle period (only the interactive traffic) does not count.
        List<ScenarioResult.ProgressSample> progress = List.of(
                progress(29_500, TIGHT, 50, "in_progress"), progress(30_000, TIGHT, 100, "completed"),
                progress(30_000, MODERATE, 100, "completed"), progress(30_000, RELAXED_A, 100, "completed"),
                progress(30_000, RELAXED_B, 100, "completed"));
        ScenarioResult scenario = scenario(backend, progress, outcomes(30_000, 30_000, 30_000, 30_000));

        assertThat(SchedulingFigures.batchesDoneMillis(scenario)).isEqualTo(30_000);
        assertThat(SchedulingFigures.idleSlotsBusy(scenario, PLAN.phases(), 10)).isEqualTo(0.8);
        assertThat(SchedulingFigures.idleSecondsCounted(scenario, PLAN.phases())).isEqualTo(20.0);
    }

    @Test
    void completionOrderFollowsWindowsWithEqualWindowsInEitherOrder() {
        ScenarioResult byDeadline = scenario(List.of(), List.of(), outcomes(50_000, 40_000, 20_000, 10_000));
        ScenarioResult bySubmission = scenario(List.of(), List.of(), outcomes(10_000, 20_000, 30_000, 40_000));

        assertThat(SchedulingFigures.completedByDeadline(byDeadline)).isTrue();
        assertThat(SchedulingFigures.completionOrder(byDeadline)).extracting(o -> o.job().name())
                .containsExactly("tight", "moderate", "relaxed B", "relaxed A");
        assertThat(SchedulingFigures.completedByDeadline(bySubmission)).isFalse();
    }

    @Test
    void aJobThatExpiredBreaksTheOrderAndMissesItsWindow() {
        List<ScenarioResult.JobOutcome> jobs = new ArrayList<>(outcomes(50_000, 40_000, 20_000, 10_000));
        jobs.set(3, new ScenarioResult.JobOutcome(TIGHT, "batch-tight", 0, 120_500, "expired", 60, 40));

        ScenarioResult scenario = scenario(List.of(), List.of(), jobs);

        assertThat(SchedulingFigures.completedByDeadline(scenario)).isFalse();
        assertThat(jobs.get(3).windowMet()).isFalse();
        assertThat(jobs.get(2).windowMet()).isTrue();
    }

    @Test
    void thePairIsComparedWhenTheFirstOfItIsDone() {
        List<ScenarioResult.ProgressSample> progress = List.of(
                progress(1_000, RELAXED_A, 40, "in_progress"), progress(1_000, RELAXED_B, 10, "in_progress"),
                progress(1_500, RELAXED_A, 100, "finalizing"), progress(1_500, RELAXED_B, 30, "in_progress"),
                progress(2_000, RELAXED_B, 60, "in_progress"));
        ScenarioResult scenario = scenario(List.of(), progress, outcomes(2_000, 1_500, 3_000, 3_000));

        assertThat(SchedulingFigures.pairLines(scenario)).containsExactly(100, 30);
    }

    @Test
    void prometheusTextIsSummedOverLabels() {
        String text = """
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="bench-shared"} 12.0
                vllm:num_requests_running_total 99
                batch_scheduler_waiting_batches{endpoint="e",reason="none"} 0.0
                batch_scheduler_waiting_batches{endpoint="e",reason="interactive_load"} 3.0
                """;

        assertThat(PrometheusText.sum(text, "vllm:num_requests_running")).isEqualTo(12.0);
        assertThat(PrometheusText.sum(text, "batch_scheduler_waiting_batches")).isEqualTo(3.0);
        assertThat(PrometheusText.sum(text, "batch_scheduler_waiting_batches", "reason", "none")).isEqualTo(0.0);
        assertThat(PrometheusText.sum(text, "vllm:num_requests_waiting")).isNaN();
    }

    private static ScenarioResult.ProgressSample progress(long millis, SchedulingPlan.Job job, long completed,
                                                          String status) {
        return new ScenarioResult.ProgressSample(millis, job.name(), completed, 0, status);
    }

    /** Outcomes of the four jobs, completed at these times (relaxed A, relaxed B, moderate, tight). */
    private static List<ScenarioResult.JobOutcome> outcomes(double relaxedA, double relaxedB, double moderate,
                                                            double tight) {
        return List.of(new ScenarioResult.JobOutcome(RELAXED_A, "batch-ra", 0, relaxedA, "completed", 100, 0),
                new ScenarioResult.JobOutcome(RELAXED_B, "batch-rb", 0, relaxedB, "completed", 100, 0),
                new ScenarioResult.JobOutcome(MODERATE, "batch-m", 0, moderate, "completed", 100, 0),
                new ScenarioResult.JobOutcome(TIGHT, "batch-t", 0, tight, "completed", 100, 0));
    }

    private static ScenarioResult scenario(List<ScenarioResult.BackendSample> backend,
                                           List<ScenarioResult.ProgressSample> progress,
                                           List<ScenarioResult.JobOutcome> jobs) {
        return new ScenarioResult("fair", List.of(), backend, progress, List.of(), jobs);
    }
}
