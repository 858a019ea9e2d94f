package io.inferencegateway.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

    private Percentiles() {
    }

    /** The value at or below which {@code percent} % of the sample lies; NaN for an empty sample. */
    static double of(Collection<Double> sample, double percent) {
        if (sample.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = sample.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
