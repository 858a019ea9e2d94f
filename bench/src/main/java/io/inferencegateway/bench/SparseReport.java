package io.inferencegateway.bench;

import java.util.List;

/**
 * The sparse-traffic rows (issue 20).
 *
 * @param plain     non-streaming chat, latency from each request's due time; empty when not run
 * @param streaming streamed chat, time to first token from each stream's due time; empty when not run
 */
record SparseReport(List<SparseMeasurement> plain, List<SparseMeasurement> streaming) {

    static SparseReport none() {
        return new SparseReport(List.of(), List.of());
    }

    boolean isEmpty() {
        return plain.isEmpty() && streaming.isEmpty();
    }
}
