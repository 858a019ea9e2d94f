package io.inferencegateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Non-streaming chat under load with wrk: straight to the backend, and through each of the gateway's routes, at each
 * concurrency. Every measurement follows a warm-up of its own at the same concurrency (the JIT needs 25-30 s to
 * settle), and the paths run back to back at each concurrency so they see the same machine.
 */
final class InteractiveBench {

    static final String DIRECT = "direct";
    /** {@link BareProxy}: the HTTP stack's own cost, for comparison with the gateway's routes. */
    static final String BARE_PROXY = "bare Jetty proxy";
    static final String OPENAI = "gateway /v1";
    static final String FIRST = "gateway FIRST";
    static final List<Integer> CONCURRENCY = List.of(1, 16, 64);

    private final WrkRunner wrk;
    private final HttpClient client;
    private final String apiKey;
    private final CpuGroups cpu;

    /** @param cpu the processes whose CPU time each measurement splits its requests' cost between */
    InteractiveBench(WrkRunner wrk, HttpClient client, String apiKey, CpuGroups cpu) {
        this.wrk = wrk;
        this.client = client;
        this.apiKey = apiKey;
        this.cpu = cpu;
    }

    /** @param urls path label to chat completions URL, direct first */
    List<LoadMeasurement> run(Map<String, String> urls, Duration warmup, Duration duration, Consumer<String> progress) {
        urls.values().forEach(this::checkAnswers);
        List<LoadMeasurement> measurements = new ArrayList<>();
        for (int connections : CONCURRENCY) {
            for (Map.Entry<String, String> url : urls.entrySet()) {
                progress.accept("interactive: " + url.getKey() + " at c=" + connections + " (warm-up "
                        + Durations.human(warmup) + ", then " + Durations.human(duration) + ")");
                if (!warmup.isZero()) {
                    wrk.run(url.getValue(), connections, warmup);
                }
                measurements.add(measure(url.getKey(), url.getValue(), connections, duration));
            }
        }
        return measurements;
    }

    private LoadMeasurement measure(String path, String url, int connections, Duration duration) {
        try (CpuWindow window = CpuWindow.during(duration, cpu)) {
            WrkResult result = wrk.run(url, connections, duration);
            return new LoadMeasurement(path, connections, result, window.finish(result.requestsPerSecond()));
        }
    }

    /** One request first: a misrouted request would otherwise be measured as a very fast error. */
    private void checkAnswers(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(BenchModels.chatBody(BenchModels.FAST)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(url + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
