package io.inferencegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One scenario of the scheduling benchmark: fresh workers in a scheduler mode (none for the baseline), the batch
 * files uploaded, then at once the batches created and the interactive waves started, with the backend's metrics,
 * the batches' progress and the workers' metrics sampled meanwhile; after the waves, the batches get the plan's tail
 * to end, and the workers are stopped so that the next scenario starts with none of their state.
 */
final class SchedulingScenario {

    static final String MODE_VARIABLE = "GATEWAY_SCHEDULER_MODE";
    /** Workers started for a scenario with batches. */
    static final int WORKERS = 2;
    private static final Duration WORKER_SETTLE = Duration.ofSeconds(10);
    private static final Duration BACKEND_EVERY = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

    private final Stack stack;
    private final HttpClient client;
    private final SchedulingPlan plan;
    private final Map<String, OpenAiBatchApi> apis;
    private final Path scratch;
    private final Consumer<String> progress;
    private final String metricsUrl;
    private final Path logs;

    /**
     * @param keys each user's API key
     * @param logs where each scenario's worker logs are copied, for reading why the scheduler did what it did
     */
    SchedulingScenario(Stack stack, HttpClient client, SchedulingPlan plan, Map<String, String> keys, Path logs,
                       Consumer<String> progress) {
        this.stack = stack;
        this.logs = logs;
        this.client = client;
        this.plan = plan;
        this.progress = progress;
        this.apis = new LinkedHashMap<>();
        keys.forEach((user, key) -> apis.put(user, new OpenAiBatchApi(client, stack.gatewayUrl(), key)));
        this.scratch = stack.scratch("scheduling");
        String backend = stack.backendUrl(SchedulingPlan.MODEL);
        this.metricsUrl = backend.substring(0, backend.length() - "/v1".length()) + "/metrics";
    }

    /** Interactive waves alone. */
    ScenarioResult baseline(String apiKey) {
        return run("baseline", null, apiKey);
    }

    /** Interactive waves and the batches, with workers in {@code mode} ({@code fair} or {@code fifo}). */
    ScenarioResult withBatches(String mode, String apiKey) {
        return run(mode, mode, apiKey);
    }

    private ScenarioResult run(String name, String mode, String apiKey) {
        List<Integer> workerPorts = mode == null ? List.of() : startWorkers(mode);
        Map<SchedulingPlan.Job, String> files = mode == null ? Map.of() : upload();
        progress.accept(name + ": " + Durations.human(plan.waves()) + " of waves"
                + (mode == null ? "" : ", " + files.size() + " batches, then up to " + Durations.human(plan.tail())));
        long start = System.nanoTime();
        Map<SchedulingPlan.Job, Double> created = new LinkedHashMap<>();
        Map<SchedulingPlan.Job, String> batches = create(files, start, created);
        Map<String, ScenarioResult.ProgressSample> latest = new ConcurrentHashMap<>();
        Sampler<ScenarioResult.BackendSample> backend = Sampler.start("backend-metrics", BACKEND_EVERY, start,
                this::backendSample);
        Sampler<List<ScenarioResult.ProgressSample>> counts = Sampler.start("batch-progress", PROGRESS_EVERY, start,
                millis -> Optional.of(progressSamples(batches, millis, latest)));
        Sampler<ScenarioResult.SchedulerSample> scheduler = Sampler.start("scheduler-metrics", PROGRESS_EVERY, start,
                millis -> schedulerSample(workerPorts, millis));
        List<WaveLoad.Request> interactive = new WaveLoad(client, stack.gatewayUrl(), apiKey)
                .run(plan.phases(), plan.burstRate(), plan.idleRate(), start);
        awaitBatches(batches, latest, start);
        List<ScenarioResult.ProgressSample> samples = counts.stop().stream().flatMap(List::stream).toList();
        List<ScenarioResult.BackendSample> backendSamples = backend.stop();
        List<ScenarioResult.SchedulerSample> schedulerSamples = scheduler.stop();
        List<ScenarioResult.JobOutcome> outcomes = outcomes(batches, created, samples);
        if (mode != null) {
            progress.accept(name + ": stopping the workers");
            keepLogs(name, stack.stopWorkers());
        }
        awaitIdleBackend();
        return new ScenarioResult(name, interactive, backendSamples, samples, schedulerSamples, outcomes);
    }

    private List<Integer> startWorkers(String mode) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int port = freePort();
            ChildJvm worker = stack.startWorker(Map.of(MODE_VARIABLE, mode,
                    "GATEWAY_WORKER_METRICS_PORT", "" + port));
            progress.accept(mode + ": " + worker.name() + " ready (" + MODE_VARIABLE + "=" + mode + ")");
            ports.add(port);
        }
        sleep(WORKER_SETTLE);
        return ports;
    }

    private Map<SchedulingPlan.Job, String> upload() {
        Map<SchedulingPlan.Job, String> files = new LinkedHashMap<>();
        for (SchedulingPlan.Job job : plan.jobs()) {
            Path input = BatchInputFiles.withLines(scratch.resolve(job.name().replace(' ', '-') + ".jsonl"),
                    SchedulingPlan.MODEL, job.lines());
            OpenAiBatchApi.Answer file = apis.get(job.user()).uploadFile(input, "batch");
            BatchDriver.deleteQuietly(input);
            if (!file.ok()) {
                throw new IllegalStateException("POST /v1/files answered " + file.status() + ": " + file.message());
            }
            files.put(job, file.json().path("id").asText());
        }
        return files;
    }

    /** Creates the batches in the plan's order, all within a moment, noting when each was created. */
    private Map<SchedulingPlan.Job, String> create(Map<SchedulingPlan.Job, String> files, long start,
                                                   Map<SchedulingPlan.Job, Double> created) {
        Map<SchedulingPlan.Job, String> batches = new LinkedHashMap<>();
        files.forEach((job, file) -> {
            OpenAiBatchApi.Answer batch = apis.get(job.user()).createBatch(file, job.window());
            if (!batch.ok() || batch.json().path("status").asText().equals("failed")) {
                throw new IllegalStateException("POST /v1/batches (" + job.name() + ", window " + job.window()
                        + ") answered " + batch.status() + ": " + batch.text());
            }
            batches.put(job, batch.json().path("id").asText());
            created.put(job, (System.nanoTime() - start) / 1e6);
        });
        return batches;
    }

    private Optional<ScenarioResult.BackendSample> backendSample(long millis) {
        String text = PrometheusText.scrape(client, metricsUrl);
        double running = PrometheusText.sum(text, "vllm:num_requests_running");
        double waiting = PrometheusText.sum(text, "vllm:num_requests_waiting");
        return Double.isNaN(running) ? Optional.empty()
                : Optional.of(new ScenarioResult.BackendSample(millis, running, waiting));
    }

    private List<ScenarioResult.ProgressSample> progressSamples(Map<SchedulingPlan.Job, String> batches, long millis,
                                                                Map<String, ScenarioResult.ProgressSample> latest) {
        List<ScenarioResult.ProgressSample> samples = new ArrayList<>();
        batches.forEach((job, id) -> {
            if (latest.containsKey(job.name()) && ENDED.contains(latest.get(job.name()).status())) {
                return;
            }
            OpenAiBatchApi.Answer answer = apis.get(job.user()).batch(id);
            if (answer.ok()) {
                JsonNode counts = answer.json().path("request_counts");
                ScenarioResult.ProgressSample sample = new ScenarioResult.ProgressSample(millis, job.name(),
                        counts.path("completed").asLong(), counts.path("failed").asLong(),
                        answer.json().path("status").asText());
                samples.add(sample);
                latest.put(job.name(), sample);
            }
        });
        return samples;
    }

    private Optional<ScenarioResult.SchedulerSample> schedulerSample(List<Integer> ports, long millis) {
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        double budget = 0;
        double inFlight = 0;
        double waiting = 0;
        for (int port : ports) {
            String text = PrometheusText.scrape(client, "http://127.0.0.1:" + port + "/metrics");
            budget = Math.max(budget, zeroIfNaN(PrometheusText.sum(text, "batch_scheduler_budget")));
            inFlight += zeroIfNaN(PrometheusText.sum(text, "batch_worker_lines_in_flight"));
            double all = zeroIfNaN(PrometheusText.sum(text, "batch_scheduler_waiting_batches"));
            double none = zeroIfNaN(PrometheusText.sum(text, "batch_scheduler_waiting_batches", "reason", "none"));
            waiting = Math.max(waiting, all - none);
        }
        return Optional.of(new ScenarioResult.SchedulerSample(millis, budget, inFlight, waiting));
    }

    /** Waits for every batch to end, until the waves and the tail are over; cancels those that have not. */
    private void awaitBatches(Map<SchedulingPlan.Job, String> batches,
                              Map<String, ScenarioResult.ProgressSample> latest, long start) {
        long deadline = start + plan.waves().plus(plan.tail()).toNanos();
        while (System.nanoTime() < deadline && !batches.keySet().stream().allMatch(job ->
                latest.containsKey(job.name()) && ENDED.contains(latest.get(job.name()).status()))) {
            sleep(PROGRESS_EVERY);
        }
        batches.forEach((job, id) -> {
            ScenarioResult.ProgressSample last = latest.get(job.name());
            if (last == null || !ENDED.contains(last.status())) {
                progress.accept("batch " + job.name() + " had not ended; cancelling it");
                apis.get(job.user()).cancel(id);
            }
        });
    }

    private static List<ScenarioResult.JobOutcome> outcomes(Map<SchedulingPlan.Job, String> batches,
                                                            Map<SchedulingPlan.Job, Double> created,
                                                            List<ScenarioResult.ProgressSample> samples) {
        List<ScenarioResult.JobOutcome> outcomes = new ArrayList<>();
        batches.forEach((job, id) -> {
            List<ScenarioResult.ProgressSample> own = samples.stream()
                    .filter(s -> s.job().equals(job.name())).toList();
            ScenarioResult.ProgressSample last = own.isEmpty()
                    ? new ScenarioResult.ProgressSample(0, job.name(), 0, 0, "unknown") : own.getLast();
            double ended = own.stream().filter(s -> ENDED.contains(s.status())).mapToDouble(s -> s.millis())
                    .findFirst().orElse(Double.NaN);
            outcomes.add(new ScenarioResult.JobOutcome(job, id, created.get(job), ended, last.status(), last.completed(),
                    last.failed()));
        });
        return outcomes;
    }

    /** Waits until the backend runs and queues nothing, so that no request of this scenario weighs on the next. */
    private void awaitIdleBackend() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ScenarioResult.BackendSample> sample = backendSample(0);
            if (sample.isPresent() && sample.get().running() + sample.get().waiting() == 0) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        progress.accept("the backend was still busy after " + Durations.human(DRAIN_TIMEOUT) + "; going on");
    }

    private void keepLogs(String scenario, List<ChildJvm> workers) {
        try {
            Files.createDirectories(logs);
            for (ChildJvm worker : workers) {
                Files.copy(worker.log(), logs.resolve(scenario + "-" + worker.name() + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            progress.accept("could not keep the workers' logs in " + logs + ": " + e.getMessage());
        }
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("No free port for a worker's metrics", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
