package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulingReportTest {

    private static final SchedulingPlan PLAN = SchedulingPlan.quick();

    @Test
    void theSectionJudgesEachScenarioAgainstTheBaselineAndTheTargets() {
        ScenarioResult baseline = scenario("baseline", 300, List.of());
        ScenarioResult fair = scenario("fair", 330, inWindowOrder());
        ScenarioResult fifo = scenario("fifo", 3_000, bySubmission());

        String section = SchedulingSection.render(PLAN, baseline, List.of(fair, fifo), "x-scheduling.png");

        assertThat(section)
                .contains("| baseline | 160 | 0 | 300.0 ms | 300.0 ms | — | 1.30 s | 1.30 s | — |")
                .contains("| fair | 160 | 0 | 330.0 ms | 330.0 ms | 1.10 ✓ | 1.33 s | 1.33 s | 1.02 ✓ |")
                .contains("| fifo | 160 | 0 | 3.00 s | 3.00 s | 10.00 ✗ | 4.00 s | 4.00 s | 3.08 ✗ |")
                .contains("|  | fair | fifo | target |")
                .contains("| tight (1m, 60 lines) | 20.0 s ✓ | 70.0 s ✗ | completed within 1m |")
                .contains("| completion order | tight < moderate < relaxed A < relaxed B ✓ | "
                        + "relaxed A < relaxed B < moderate < tight ✗ | tight < moderate < relaxed |")
                .contains("![")
                .contains("(x-scheduling.png)");
    }

    @Test
    void theChartIsAPng(@TempDir Path directory) throws IOException {
        ScenarioResult baseline = scenario("baseline", 300, List.of());
        Path chart = SchedulingChart.write(directory.resolve("x-scheduling.png"), PLAN, baseline,
                List.of(scenario("fair", 330, inWindowOrder()), scenario("fifo", 3_000, bySubmission())));

        byte[] head = new byte[8];
        System.arraycopy(Files.readAllBytes(chart), 0, head, 0, 8);
        assertThat(head).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void everySampleIsKeptAsJson(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("logs").resolve("samples.json");

        SchedulingRun.keepSamples(file, PLAN, scenario("baseline", 300, List.of()),
                List.of(scenario("fair", 330, inWindowOrder())), message -> { });

        var json = io.inferencegateway.json.Json.read(Files.readString(file));
        assertThat(json.path("phases").size()).isEqualTo(4);
        assertThat(json.path("fair").path("jobs").path(3).path("job").path("name").asText()).isEqualTo("tight");
        assertThat(json.path("baseline").path("interactive").size()).isEqualTo(192);
    }

    /** Interactive requests of {@code ttft} ms each, at the plan's rates; the backend half busy. */
    private static ScenarioResult scenario(String name, double ttft, List<ScenarioResult.JobOutcome> jobs) {
        List<WaveLoad.Request> requests = new ArrayList<>();
        List<ScenarioResult.BackendSample> backend = new ArrayList<>();
        for (SchedulingPlan.Phase phase : PLAN.phases()) {
            double every = 1000 / (phase.burst() ? PLAN.burstRate() : PLAN.idleRate());
            for (double at = phase.startMillis(); at < phase.endMillis(); at += every) {
                requests.add(new WaveLoad.Request(at, ttft, ttft + 1000, 200, phase.burst()));
            }
            for (long at = phase.startMillis(); at < phase.endMillis(); at += 200) {
                backend.add(new ScenarioResult.BackendSample(at, 8, 0));
            }
        }
        List<ScenarioResult.ProgressSample> progress = jobs.stream().map(j -> new ScenarioResult.ProgressSample(
                (long) j.endedMillis(), j.job().name(), j.completed(), 0, j.status())).toList();
        return new ScenarioResult(name, requests, backend, progress, List.of(), jobs);
    }

    private static List<ScenarioResult.JobOutcome> inWindowOrder() {
        return outcomes(40_000, 41_000, 30_000, 20_000);
    }

    private static List<ScenarioResult.JobOutcome> bySubmission() {
        return outcomes(30_000, 40_000, 50_000, 70_000);
    }

    /** Ended at these times: relaxed A, relaxed B, moderate, tight (the quick plan's order). */
    private static List<ScenarioResult.JobOutcome> outcomes(double... ended) {
        List<ScenarioResult.JobOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < PLAN.jobs().size(); i++) {
            SchedulingPlan.Job job = PLAN.jobs().get(i);
            outcomes.add(new ScenarioResult.JobOutcome(job, "batch-" + i, 0, ended[i], "completed", job.lines(), 0));
        }
        return outcomes;
    }
}
