package io.inferencegateway.bench;

/**
 * One path under sparse traffic: its requests sent one every {@link SparseBench#INTERVAL}, open loop.
 *
 * @param path   {@link InteractiveBench#DIRECT} or one of the gateway's routes
 * @param result the requests, and their latencies (non-streaming) or times to first token (streaming)
 */
record SparseMeasurement(String path, OpenLoad.Result result) {

    boolean direct() {
        return path.equals(InteractiveBench.DIRECT);
    }
}
