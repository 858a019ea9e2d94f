package io.inferencegateway.bench;

import java.util.List;

/**
 * What the streaming probe saw on one path, in milliseconds.
 *
 * @param ttftMillis time from sending each request to its first content event
 * @param gapMillis  time between consecutive content events, all streams together
 */
record StreamStats(List<Double> ttftMillis, List<Double> gapMillis) {

    StreamStats {
        ttftMillis = List.copyOf(ttftMillis);
        gapMillis = List.copyOf(gapMillis);
    }

    int streams() {
        return ttftMillis.size();
    }

    double ttft(double percent) {
        return Percentiles.of(ttftMillis, percent);
    }

    double gap(double percent) {
        return Percentiles.of(gapMillis, percent);
    }
}
