package io.inferencegateway.bench;

/**
 * One measured wrk run of the interactive benchmark.
 *
 * @param path        {@link InteractiveBench#DIRECT} or one of the gateway's routes
 * @param connections wrk's concurrency
 */
record LoadMeasurement(String path, int connections, WrkResult result) {

    boolean direct() {
        return path.equals(InteractiveBench.DIRECT);
    }
}
