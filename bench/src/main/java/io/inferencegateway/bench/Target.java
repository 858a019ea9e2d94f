package io.inferencegateway.bench;

/**
 * One of issue 5's (or a later issue's) targets beside the figure it judges: {@code ≥ 0.40 ✓}.
 *
 * @param wanted the target as written in the report, e.g. {@code ≥ 0.40}
 * @param met    whether the figure meets it
 */
record Target(String wanted, boolean met) {

    static final double THROUGHPUT_RATIO_AT_16 = 0.40;
    static final double ADDED_P50_AT_1_MS = 0.5;
    static final double ADDED_TTFT_MS = 2.0;
    /** Issue 20: added p50 of non-streaming chat with one request every 20 ms. */
    static final double SPARSE_ADDED_P50_MS = 0.4;
    /** Issue 20: added time to first token with one stream every 20 ms. */
    static final double SPARSE_ADDED_TTFT_MS = 1.0;
    static final double ZERO_LATENCY_LINES_PER_SECOND = 5_000;
    static final double FRACTION_OF_BOUND = 0.95;
    static final double TWO_WORKERS_OVER_ONE = 1.8;
    static final long WORKER_PEAK_RSS_BYTES = 768L * 1024 * 1024;
    /** The heap may grow by at most this share of the extra bytes of the larger upload. */
    static final double HEAP_GROWTH_PER_UPLOADED_BYTE = 0.10;
    /** Interactive TTFT and latency p99 during bursts, with batches, over the baseline's (bin/bench --scheduling). */
    static final double SCHEDULING_P99_RATIO = 1.2;
    /** The model's slots busy during idle periods while batch lines are left. */
    static final double IDLE_CAPACITY_SHARE = 0.80;
    /** Jain's index of two equally urgent batches of different users. */
    static final double JAIN_INDEX = 0.95;
    /** Interactive requests per second through one Globus Compute client. */
    static final double GLOBUS_REQUESTS_PER_SECOND = 100;

    static Target atLeast(String wanted, double value, double threshold) {
        return new Target(wanted, value >= threshold);
    }

    static Target atMost(String wanted, double value, double threshold) {
        return new Target(wanted, value <= threshold);
    }

    String render() {
        return wanted + " " + mark();
    }

    /** The mark alone, for a figure whose target is written elsewhere (a column of its own). */
    String mark() {
        return met ? "✓" : "✗";
    }
}
