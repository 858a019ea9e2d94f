package io.inferencegateway.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sparse traffic (issue 20): one request every {@link #INTERVAL}, sent whatever the answers' pace (an open loop),
 * so that the gateway idles between requests as under light real traffic, where thread wake-ups, cold caches and
 * the JIT's second thoughts cost more than back to back. Each path gets an unmeasured run at the same pace first,
 * then its measured one; paths run in turn.
 */
final class SparseBench {

    static final Duration INTERVAL = Duration.ofMillis(20);
    /** Tokens of each sparse stream: one, so a stream ends about when the next one starts (first token at 20 ms). */
    static final int STREAM_TOKENS = 1;
    /** The unmeasured run of each path at the sparse pace, at most this long (the paths are warm already). */
    static final Duration MAX_WARMUP = Duration.ofSeconds(5);

    private final HttpClient client;
    private final String apiKey;
    private final Consumer<String> progress;

    SparseBench(HttpClient client, String apiKey, Consumer<String> progress) {
        this.client = client;
        this.apiKey = apiKey;
        this.progress = progress;
    }

    /** @param urls path label to chat completions URL of the zero-latency model, direct first */
    List<SparseMeasurement> plain(Map<String, String> urls, Duration warmup, Duration duration) {
        List<SparseMeasurement> rows = new ArrayList<>();
        urls.forEach((path, url) -> {
            progress.accept("sparse: " + path + ", one request every " + Durations.human(INTERVAL) + " for "
                    + Durations.human(duration) + " after " + Durations.human(warmupOf(warmup)));
            String body = BenchModels.chatBody(BenchModels.FAST);
            OpenLoad.run(client, url, apiKey, body, rate(), warmupOf(warmup));
            rows.add(new SparseMeasurement(path, OpenLoad.run(client, url, apiKey, body, rate(), duration)));
        });
        return rows;
    }

    /** @param urls path label to chat completions URL of the streaming model, direct first */
    List<SparseMeasurement> streaming(Map<String, String> urls, Duration warmup, Duration duration) {
        StreamingProbe probe = new StreamingProbe(client, apiKey);
        List<SparseMeasurement> rows = new ArrayList<>();
        urls.forEach((path, url) -> {
            progress.accept("sparse streaming: " + path + ", one stream every " + Durations.human(INTERVAL)
                    + " for " + Durations.human(duration) + " after " + Durations.human(warmupOf(warmup)));
            probe.paced(url, STREAM_TOKENS, rate(), warmupOf(warmup));
            rows.add(new SparseMeasurement(path, probe.paced(url, STREAM_TOKENS, rate(), duration)));
        });
        return rows;
    }

    static Duration warmupOf(Duration warmup) {
        return warmup.compareTo(MAX_WARMUP) < 0 ? warmup : MAX_WARMUP;
    }

    private static double rate() {
        return 1_000_000_000.0 / INTERVAL.toNanos();
    }
}
