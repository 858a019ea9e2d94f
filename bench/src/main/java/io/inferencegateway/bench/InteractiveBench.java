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

    /**
     * One path to measure.
     *
     * @param label   the report's name for it
     * @param url     its chat completions URL
     * @param headers sent besides the key (a peer gateway's routing headers); {@code wrk}'s script sends them too
     * @param wrk     runs wrk with a script for this path
     */
    record Route(String label, String url, Map<String, String> headers, WrkRunner wrk) {
    }

    private final HttpClient client;
    private final String apiKey;
    private final CpuGroups cpu;

    /** @param cpu the processes whose CPU time each measurement splits its requests' cost between */
    InteractiveBench(HttpClient client, String apiKey, CpuGroups cpu) {
        this.client = client;
        this.apiKey = apiKey;
        this.cpu = cpu;
    }

    /** @param routes the paths, direct first */
    List<LoadMeasurement> run(List<Route> routes, Duration warmup, Duration duration, Consumer<String> progress) {
        routes.forEach(this::checkAnswers);
        List<LoadMeasurement> measurements = new ArrayList<>();
        for (int connections : CONCURRENCY) {
            for (Route route : routes) {
                progress.accept("interactive: " + route.label() + " at c=" + connections + " (warm-up "
                        + Durations.human(warmup) + ", then " + Durations.human(duration) + ")");
                if (!warmup.isZero()) {
                    route.wrk().run(route.url(), connections, warmup);
                }
                measurements.add(measure(route, connections, duration));
            }
        }
        return measurements;
    }

    private LoadMeasurement measure(Route route, int connections, Duration duration) {
        try (CpuWindow window = CpuWindow.during(duration, cpu)) {
            WrkResult result = route.wrk().run(route.url(), connections, duration);
            return new LoadMeasurement(route.label(), connections, result, window.finish(result.requestsPerSecond()));
        }
    }

    /** One request first: a misrouted request would otherwise be measured as a very fast error. */
    private void checkAnswers(Route route) {
        String url = route.url();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(BenchModels.chatBody(BenchModels.FAST)));
        route.headers().forEach(builder::header);
        HttpRequest request = builder.build();
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
