package io.inferencegateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Unmeasured batches before the measured zero-latency one, run until the worker is steady: until two in a row agree
 * within {@link #AGREEMENT}, as a harness runs warm-up iterations until they stop changing. On this 2-core machine a
 * fresh worker and broker spend much of their CPU compiling the batch path for the first hundred thousand lines or
 * more; one warm-up batch measured that, not the pipeline. The second worker is warmed up the same way before the
 * two-worker row, so that both rows measure warm workers.
 */
final class BatchWarmUp {

    /**
     * How close two warm-up batches in a row must be (the larger over the smaller, less one) to call it steady. Within
     * 10 % stopped while the worker still gained 8–9 % a batch (3,270 then 3,554 lines/s, and the three measured
     * batches after them ran at 4,135 to 4,872).
     */
    static final double AGREEMENT = 0.05;
    /** The most warm-up batches; a worker still changing after these is measured all the same. */
    static final int MAX_BATCHES = 6;

    private BatchWarmUp() {
    }

    /** The warm-up before a row: how many workers ran it, and the lines per second of each batch, in order. */
    record Run(int workers, List<Double> linesPerSecond) {

        Run {
            linesPerSecond = List.copyOf(linesPerSecond);
        }
    }

    /** Runs {@code batch} until steady or {@link #MAX_BATCHES} times; the lines per second of each, in order. */
    static List<Double> untilSteady(Supplier<BatchResult> batch) {
        List<Double> rates = new ArrayList<>();
        while (rates.size() < MAX_BATCHES) {
            BatchResult run = batch.get();
            if (!run.measured()) {
                break;
            }
            rates.add(run.linesPerSecond());
            if (steady(rates)) {
                break;
            }
        }
        return rates;
    }

    static boolean steady(List<Double> rates) {
        if (rates.size() < 2) {
            return false;
        }
        double last = rates.get(rates.size() - 1);
        double before = rates.get(rates.size() - 2);
        return Math.max(last, before) / Math.min(last, before) - 1 <= AGREEMENT;
    }
}
