package io.inferencegateway.bench;

/**
 * What one wrk run measured, as its Lua {@code done()} hook printed it. Times are in microseconds.
 *
 * @param requests      completed requests (any status)
 * @param durationMicros how long the run lasted
 * @param errors        connect, read, write and timeout errors plus responses with a status of 400 or more
 */
record WrkResult(long requests, long durationMicros, long errors, double p50Micros, double p90Micros,
                 double p99Micros, double meanMicros, double maxMicros) {

    double requestsPerSecond() {
        return durationMicros == 0 ? 0 : requests * 1_000_000.0 / durationMicros;
    }

    double p50Millis() {
        return p50Micros / 1000;
    }

    double p99Millis() {
        return p99Micros / 1000;
    }
}
