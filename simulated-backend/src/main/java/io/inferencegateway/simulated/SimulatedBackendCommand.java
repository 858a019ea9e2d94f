package io.inferencegateway.simulated;

import io.inferencegateway.adaptors.simulated.CapacitySettings;
import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.spi.AdaptorConfigException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of {@link SimulatedBackendServer}: options become {@link SimulatedSettings}. */
@Command(name = "simulated-backend", sortOptions = false,
        description = {"Serves a fake OpenAI-compatible model over HTTP until stopped, with vLLM's metrics on /metrics.",
            "With --slots, it behaves like a vLLM server under load: at most that many requests run, more wait in"
                    + " line (their wait counts in latency and time to first token), and each step slows as the"
                    + " batch fills (--step-slowdown)."})
final class SimulatedBackendCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Time of a non-streaming answer (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--ttft-ms", defaultValue = "0", description = "Time to a stream's first token (default: ${DEFAULT-VALUE}).")
    long ttftMs;

    @Option(names = "--tokens-per-second", defaultValue = "0",
            description = "Pace of a stream, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double tokensPerSecond;

    @Option(names = "--completion-tokens", defaultValue = "16",
            description = "Answer length when a request sets no max_tokens (default: ${DEFAULT-VALUE}).")
    int completionTokens;

    @Option(names = "--error-rate", defaultValue = "0", description = "Share of requests that fail, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--error-status", defaultValue = "500", description = "HTTP status of those failures (default: ${DEFAULT-VALUE}).")
    int errorStatus;

    @Option(names = "--embedding-dimensions", defaultValue = "16",
            description = "Embedding length when a request sets no dimensions (default: ${DEFAULT-VALUE}).")
    int embeddingDimensions;

    @Option(names = "--slots", defaultValue = "0",
            description = "Requests that run at once (vLLM's max_num_seqs); more wait in a FIFO queue. 0 for unlimited,"
                    + " which disables the three options below (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--max-waiting", defaultValue = "1000",
            description = "Requests that may wait for a slot; beyond them a request is refused at once"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxWaiting;

    @Option(names = "--queue-full-status", defaultValue = "429",
            description = "HTTP status of that refusal, 429 or 503 (default: ${DEFAULT-VALUE}).")
    int queueFullStatus;

    @Option(names = "--step-slowdown", defaultValue = "1",
            description = "How many times slower each token (and each share of --latency-ms) is when all slots run"
                    + " than for one request alone, from 1 to --slots; in between it grows linearly with the running"
                    + " requests (default: ${DEFAULT-VALUE}).")
    double stepSlowdown;

    @Option(names = "--model", description = "A model name for /v1/models; repeatable (default: simulated). Any name is served.")
    List<String> models;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        SimulatedSettings settings;
        try {
            settings = new SimulatedSettings(latencyMs, ttftMs, tokensPerSecond, completionTokens, errorRate,
                    errorStatus, embeddingDimensions,
                    new CapacitySettings(slots, maxWaiting, queueFullStatus, stepSlowdown));
        } catch (AdaptorConfigException e) {
            System.err.println("Invalid option " + option(e.field()) + ": " + e.getMessage());
            return 2;
        }
        SimulatedBackendServer server = SimulatedBackendServer.start(host, port, settings,
                models == null || models.isEmpty() ? SimulatedBackendServer.DEFAULT_MODELS : models);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulated-backend-shutdown"));
        System.out.println("Simulated OpenAI backend listening on " + server.baseUrl() + " " + settings);
        stopped.await();
        return 0;
    }

    /** The option behind a settings field: the record names config keys, the options spell them with dashes. */
    static String option(String field) {
        String key = field.substring(field.indexOf('.') + 1);
        return key.equals("time_to_first_token_ms") ? "--ttft-ms" : "--" + key.replace('_', '-');
    }
}
