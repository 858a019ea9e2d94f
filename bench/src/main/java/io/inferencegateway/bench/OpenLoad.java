package io.inferencegateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Non-streaming requests sent at a fixed rate whatever the answers' pace (an open loop, as independent users
 * arrive), each timed from its due time; wrk's closed loop cannot show what a user arriving at a given rate waits.
 */
final class OpenLoad {

    /** What the requests measured: how many ended, how many with an error, and their latencies. */
    record Result(int requests, int errors, double seconds, List<Double> latenciesMillis) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        double percentile(double percent) {
            return Percentiles.of(latenciesMillis, percent);
        }
    }

    private OpenLoad() {
    }

    static Result run(HttpClient client, String url, String apiKey, String body, double rate, Duration duration) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<Double> latencies = new CopyOnWriteArrayList<>();
        List<Integer> errors = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        paced(rate, duration, due -> {
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    errors.add(response.statusCode());
                }
            } catch (Exception e) {
                errors.add(-1);
            }
            latencies.add((System.nanoTime() - due) / 1e6);
        });
        return new Result(latencies.size(), errors.size(), (System.nanoTime() - start) / 1e9, List.copyOf(latencies));
    }

    /**
     * Starts {@code call} {@code rate} times a second for {@code duration}, each on a virtual thread of its own and
     * handed its due time ({@link System#nanoTime()}), whatever the earlier calls are doing; returns once all ended.
     */
    static void paced(double rate, Duration duration, LongConsumer call) {
        long start = System.nanoTime();
        long every = (long) (1_000_000_000L / rate);
        long count = (long) (rate * duration.toNanos() / 1e9);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long due = start + i * every;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                senders.submit(() -> call.accept(due));
            }
        }
    }
}
