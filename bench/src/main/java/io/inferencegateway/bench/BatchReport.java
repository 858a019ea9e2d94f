package io.inferencegateway.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the batch part measured.
 *
 * @param skipped       why nothing was measured ({@code --skip-batch}, or the API is not there), or null
 * @param runs          the batch runs in order: zero-latency with one worker, 100 ms with one, 100 ms with two
 * @param warmUps       the unmeasured zero-latency batches before the first row and before the two-worker row
 * @param zeroLatency   the lines per second of each zero-latency batch the first row is the median of, in order
 * @param batchPeakRss  peak RSS per process name during the zero-latency batches
 * @param uploads       the gateway during the small and the large upload
 */
record BatchReport(String skipped, List<BatchResult> runs, List<BatchWarmUp.Run> warmUps, List<Double> zeroLatency,
                   Map<String, Long> batchPeakRss, List<UploadMemory> uploads) {

    BatchReport {
        runs = List.copyOf(runs);
        warmUps = List.copyOf(warmUps);
        zeroLatency = List.copyOf(zeroLatency);
        batchPeakRss = Collections.unmodifiableMap(new LinkedHashMap<>(batchPeakRss));
        uploads = List.copyOf(uploads);
    }

    static BatchReport skipped(String reason) {
        return new BatchReport(reason, List.of(), List.of(), List.of(), Map.of(), List.of());
    }
}
