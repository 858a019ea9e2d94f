package io.inferencegateway.bench;

/**
 * The three simulated models the benchmark serves, each from its own backend process, and the request bodies sent
 * to them.
 */
final class BenchModels {

    /** Answers at once: the gateway's own cost, and the batch pipeline's own limit. */
    static final String FAST = "bench-fast";
    /** Streams at a fixed pace: first token after {@value #STREAM_TTFT_MS} ms, then {@value #STREAM_TOKENS_PER_SECOND} tokens/s. */
    static final String STREAM = "bench-stream";
    /** Answers after {@value #SLOW_LATENCY_MS} ms: the batch latency bound. */
    static final String SLOW = "bench-slow";

    static final int STREAM_TTFT_MS = 20;
    static final int STREAM_TOKENS_PER_SECOND = 20;
    static final int STREAM_TOKENS = 20;
    static final int SLOW_LATENCY_MS = 100;
    static final int COMPLETION_TOKENS = 16;

    /** The cluster and framework of FIRST's route, {@code /resource_server/bench/vllm/v1/chat/completions}. */
    static final String CLUSTER = "bench";
    static final String FRAMEWORK = "vllm";

    private BenchModels() {
    }

    static String chatBody(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],"
                + "\"max_tokens\":" + COMPLETION_TOKENS + "}";
    }

    static String streamBody() {
        return streamBody(STREAM_TOKENS);
    }

    static String streamBody(int tokens) {
        return "{\"model\":\"" + STREAM + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Count for me.\"}],"
                + "\"max_tokens\":" + tokens + ",\"stream\":true}";
    }
}
