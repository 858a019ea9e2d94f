package io.inferencegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Uploads a generated batch file of a given size to the gateway while sampling the gateway's RSS and heap. */
final class UploadProbe {

    private final OpenAiBatchApi api;
    private final ChildJvm gateway;
    private final ChildProcesses tools;
    private final Path scratch;

    UploadProbe(OpenAiBatchApi api, ChildJvm gateway, ChildProcesses tools, Path scratch) {
        this.api = api;
        this.gateway = gateway;
        this.tools = tools;
        this.scratch = scratch;
    }

    UploadMemory upload(long maxBytes) {
        Path file = BatchInputFiles.ofSize(scratch.resolve("upload-" + maxBytes + ".jsonl"), BenchModels.FAST,
                maxBytes);
        try {
            long bytes = Files.size(file);
            HeapSampler.usedAfterFullGc(gateway.pid(), tools); // start from a collected heap
            HeapSampler heap = HeapSampler.start(gateway.pid(), tools);
            RssSampler rss = RssSampler.start(Map.of("gateway", gateway.pid()));
            long started = System.nanoTime();
            OpenAiBatchApi.Answer answer;
            try {
                answer = api.uploadFile(file, "batch");
            } finally {
                rss.close();
                heap.close();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long afterGc = HeapSampler.usedAfterFullGc(gateway.pid(), tools);
            if (answer.ok()) {
                api.deleteFile(answer.json().path("id").asText());
            }
            return new UploadMemory(bytes, answer.status(), seconds, rss.peaks().get("gateway"),
                    heap.peakUsedBytes(), heap.peakOldBytes(), afterGc);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not size " + file, e);
        } finally {
            BatchDriver.deleteQuietly(file);
        }
    }
}
