package io.inferencegateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Interactive traffic in waves, open loop: each phase's requests start at even intervals whatever the earlier ones
 * are doing, as users' requests do. Each is a streamed chat completion through the gateway, timed to its first
 * content event (TTFT) and to its end.
 */
final class WaveLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /**
     * One interactive request.
     *
     * @param startMillis   when it was sent, from the start of the waves
     * @param ttftMillis    to its first content event; NaN when it failed
     * @param latencyMillis to the end of its stream; NaN when it failed
     * @param status        the HTTP status, or 0 when no answer came
     * @param burst         whether it was sent during a burst
     */
    record Request(double startMillis, double ttftMillis, double latencyMillis, int status, boolean burst) {

        boolean ok() {
            return status == 200 && !Double.isNaN(ttftMillis);
        }
    }

    private final HttpClient client;
    private final URI uri;
    private final String apiKey;

    WaveLoad(HttpClient client, String gatewayUrl, String apiKey) {
        this.client = client;
        this.uri = URI.create(gatewayUrl + "/v1/chat/completions");
        this.apiKey = apiKey;
    }

    /**
     * Sends the phases' requests from {@code startNanos} on ({@link System#nanoTime()}), and returns when the last
     * one has ended.
     */
    List<Request> run(List<SchedulingPlan.Phase> phases, double burstRate, double idleRate, long startNanos) {
        ConcurrentLinkedQueue<Request> done = new ConcurrentLinkedQueue<>();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SchedulingPlan.Phase phase : phases) {
                double every = 1000.0 / (phase.burst() ? burstRate : idleRate);
                for (double at = phase.startMillis(); at < phase.endMillis(); at += every) {
                    long due = startNanos + (long) (at * 1e6);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean burst = phase.burst();
                    requests.submit(() -> done.add(send(startNanos, burst)));
                }
            }
        }
        List<Request> sorted = new ArrayList<>(done);
        sorted.sort((a, b) -> Double.compare(a.startMillis(), b.startMillis()));
        return sorted;
    }

    /** Sends requests at {@code rate} for {@code duration}, to warm the path; their figures are dropped. */
    void warm(Duration duration, double rate) {
        run(List.of(new SchedulingPlan.Phase(0, duration.toMillis(), true)), rate, rate, System.nanoTime());
    }

    private Request send(long startNanos, boolean burst) {
        long sent = System.nanoTime();
        double startMillis = (sent - startNanos) / 1e6;
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(SchedulingPlan.interactiveBody()))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    reader.transferTo(java.io.Writer.nullWriter());
                    return new Request(startMillis, Double.NaN, Double.NaN, response.statusCode(), burst);
                }
                long first = firstContent(reader);
                long end = System.nanoTime();
                return new Request(startMillis, first < 0 ? Double.NaN : (first - sent) / 1e6,
                        first < 0 ? Double.NaN : (end - sent) / 1e6, response.statusCode(), burst);
            }
        } catch (IOException e) {
            return new Request(startMillis, Double.NaN, Double.NaN, 0, burst);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Request(startMillis, Double.NaN, Double.NaN, 0, burst);
        }
    }

    /** Reads the stream to its end; returns when its first content event came, or -1 if none did. */
    private static long firstContent(BufferedReader reader) throws IOException {
        long first = -1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (first < 0 && line.startsWith("data:")) {
                String data = line.substring(5).trim();
                if (!data.equals("[DONE]") && StreamingProbe.hasContent(data)) {
                    first = System.nanoTime();
                }
            }
        }
        return first;
    }
}
