package io.inferencegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times streamed chat completions: from sending the request to the first event that carries content (time to first
 * token), and between consecutive content events. {@link #run} sends one at a time, paths taking turns, so a
 * disturbance on this shared machine hits both sides of a comparison alike; {@link #paced} sends them at a fixed
 * pace, for the sparse-traffic rows.
 */
final class StreamingProbe {

    private final HttpClient client;
    private final String apiKey;

    StreamingProbe(HttpClient client, String apiKey) {
        this.client = client;
        this.apiKey = apiKey;
    }

    /**
     * @param urls    path label to chat completions URL
     * @param warmup  streams per path first, not counted
     * @param streams streams per path that are counted
     */
    Map<String, StreamStats> run(Map<String, String> urls, int warmup, int streams) {
        Map<String, List<Double>> ttft = new LinkedHashMap<>();
        Map<String, List<Double>> gaps = new LinkedHashMap<>();
        urls.keySet().forEach(path -> {
            ttft.put(path, new ArrayList<>());
            gaps.put(path, new ArrayList<>());
        });
        for (int i = 0; i < warmup + streams; i++) {
            for (Map.Entry<String, String> url : urls.entrySet()) {
                List<Double> streamGaps = new ArrayList<>();
                double first = stream(URI.create(url.getValue()), BenchModels.streamBody(), System.nanoTime(),
                        streamGaps);
                if (i >= warmup) {
                    ttft.get(url.getKey()).add(first);
                    gaps.get(url.getKey()).addAll(streamGaps);
                }
            }
        }
        Map<String, StreamStats> stats = new LinkedHashMap<>();
        urls.keySet().forEach(path -> stats.put(path, new StreamStats(ttft.get(path), gaps.get(path))));
        return stats;
    }

    /**
     * Streams of {@code tokens} tokens started {@code rate} times a second whatever the others do (an open loop, as
     * independent users arrive), each timed from its due time to its first content event.
     */
    OpenLoad.Result paced(String url, int tokens, double rate, Duration duration) {
        URI uri = URI.create(url);
        String body = BenchModels.streamBody(tokens);
        List<Double> ttft = new CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        OpenLoad.paced(rate, duration, due -> {
            try {
                ttft.add(stream(uri, body, due, new ArrayList<>()));
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
        });
        return new OpenLoad.Result(ttft.size() + errors.get(), errors.get(), (System.nanoTime() - start) / 1e9,
                List.copyOf(ttft));
    }

    /**
     * One stream of {@code body}, timed from {@code sentNanos}: returns its time to first token and adds its gaps,
     * both in milliseconds.
     */
    private double stream(URI uri, String body, long sentNanos, List<Double> gaps) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Streaming request to " + uri + " answered "
                            + response.statusCode() + ": " + reader.readLine());
                }
                return readEvents(reader, sentNanos, gaps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Streaming request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while streaming", e);
        }
    }

    private static double readEvents(BufferedReader reader, long sent, List<Double> gaps) throws IOException {
        long first = -1;
        long previous = -1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            // Read on to the end after [DONE], as clients do, so the connection can be reused.
            if (!data.equals("[DONE]") && hasContent(data)) {
                long now = System.nanoTime();
                if (first < 0) {
                    first = now;
                } else {
                    gaps.add((now - previous) / 1e6);
                }
                previous = now;
            }
        }
        if (first < 0) {
            throw new IllegalStateException("The stream ended without a content event");
        }
        return (first - sent) / 1e6;
    }

    /** A chat chunk whose first choice's delta has non-empty content (the opening role chunk has none). */
    static boolean hasContent(String data) {
        JsonNode content = Json.read(data).path("choices").path(0).path("delta").path("content");
        return content.isTextual() && !content.asText().isEmpty();
    }
}
