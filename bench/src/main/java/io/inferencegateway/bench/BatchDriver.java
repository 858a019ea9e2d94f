package io.inferencegateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one batch through the gateway as a client would: upload the input file, create the batch, poll it until it
 * ends. The figure is lines divided by the time from the create request to the first poll that sees it completed.
 */
final class BatchDriver {

    /** How often a batch is read while it runs: its time is measured to within this, so short next to a batch's. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

    private final OpenAiBatchApi api;
    private final Path scratch;

    BatchDriver(OpenAiBatchApi api, Path scratch) {
        this.api = api;
        this.scratch = scratch;
    }

    /** Why batches cannot run on this gateway (its Files API is missing), or empty when they can. */
    Optional<String> unavailable() {
        Path probe = BatchInputFiles.withLines(scratch.resolve("probe.jsonl"), BenchModels.FAST, 1);
        OpenAiBatchApi.Answer answer = api.uploadFile(probe, "batch");
        deleteQuietly(probe);
        if (answer.noSuchRoute()) {
            return Optional.of("not available (POST /v1/files answered " + answer.status() + ")");
        }
        if (!answer.ok()) {
            return Optional.of("POST /v1/files answered " + answer.status() + ": " + answer.message());
        }
        api.deleteFile(answer.json().path("id").asText());
        return Optional.empty();
    }

    /** Runs {@code lines} requests for {@code model}; the rest of the parameters only label the result. */
    BatchResult run(String model, int lines, int latencyMs, int workers, int concurrency) {
        Path input = BatchInputFiles.withLines(scratch.resolve(model + "-" + lines + ".jsonl"), model, lines);
        try {
            long uploadStart = System.nanoTime();
            OpenAiBatchApi.Answer file = api.uploadFile(input, "batch");
            double uploadSeconds = seconds(uploadStart);
            if (!file.ok()) {
                return BatchResult.notRun(lines, latencyMs, workers, concurrency, refusal("POST /v1/files", file));
            }
            long submitted = System.nanoTime();
            OpenAiBatchApi.Answer batch = api.createBatch(file.json().path("id").asText());
            if (!batch.ok()) {
                return BatchResult.notRun(lines, latencyMs, workers, concurrency, refusal("POST /v1/batches", batch));
            }
            String id = batch.json().path("id").asText();
            Duration timeout = timeoutFor(lines, latencyMs, workers * concurrency);
            OpenAiBatchApi.Answer last = awaitEnd(id, timeout);
            double seconds = seconds(submitted);
            String status = last.json().path("status").asText();
            if (!ENDED.contains(status)) {
                api.cancel(id);
                return BatchResult.notRun(lines, latencyMs, workers, concurrency, "batch " + id + " did not end within "
                        + Durations.human(timeout) + " (status " + status + ", "
                        + last.json().path("request_counts").path("completed").asLong() + " lines done); cancelled");
            }
            if (!status.equals("completed")) {
                return BatchResult.notRun(lines, latencyMs, workers, concurrency, "batch " + id + " ended "
                        + (status.isEmpty() ? "with no status" : status) + " after " + Math.round(seconds) + " s: "
                        + last.json().path("errors").toString());
            }
            var counts = last.json().path("request_counts");
            return new BatchResult(lines, latencyMs, workers, concurrency, seconds, uploadSeconds,
                    counts.path("completed").asLong(), counts.path("failed").asLong(), null);
        } finally {
            deleteQuietly(input);
        }
    }

    private OpenAiBatchApi.Answer awaitEnd(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OpenAiBatchApi.Answer answer = api.batch(id);
            if (!answer.ok()) {
                throw new IllegalStateException("GET /v1/batches/" + id + " answered " + answer.status() + ": "
                        + answer.message());
            }
            if (ENDED.contains(answer.json().path("status").asText())) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                return answer;
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Generous: a minute, plus ten times what the lines should take at 500 lines/s or at the latency bound. */
    static Duration timeoutFor(int lines, int latencyMs, int slots) {
        double expectedSeconds = latencyMs == 0 ? lines / 500.0 : lines * latencyMs / 1000.0 / slots;
        return Duration.ofSeconds(60 + (long) (10 * expectedSeconds));
    }

    private static String refusal(String request, OpenAiBatchApi.Answer answer) {
        return (answer.noSuchRoute() ? "not available (" : "refused (") + request + " answered " + answer.status()
                + (answer.message().isBlank() ? "" : ": " + answer.message()) + ")";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a batch", e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // It lives in the run directory, which is removed at the end anyway.
        }
    }
}
