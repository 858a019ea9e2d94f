package io.inferencegateway.bench;

import java.util.Comparator;
import java.util.List;

/**
 * One batch run, or why it did not run.
 *
 * @param latencyMs       the backend's latency per line, 0 for the zero-latency backend
 * @param workers         batch workers running
 * @param concurrency     lines each worker runs at once
 * @param seconds         from {@code POST /v1/batches} to the first poll that saw {@code completed}
 * @param uploadSeconds   the upload of the input file before that
 * @param completed       {@code request_counts.completed}
 * @param failed          {@code request_counts.failed}
 * @param problem         why there is no figure (e.g. the API is not available), or null
 */
record BatchResult(int lines, int latencyMs, int workers, int concurrency, double seconds, double uploadSeconds,
                   long completed, long failed, String problem) {

    static BatchResult notRun(int lines, int latencyMs, int workers, int concurrency, String problem) {
        return new BatchResult(lines, latencyMs, workers, concurrency, 0, 0, 0, 0, problem);
    }

    /**
     * The run of median time among {@code results} (runs of one row, in a row), or the first that has no figure: one
     * run on two cores varies by 10-15 %, so a row of one run would report the machine's moment.
     */
    static BatchResult median(List<BatchResult> results) {
        return results.stream().filter(r -> !r.measured()).findFirst().orElseGet(() -> results.stream()
                .sorted(Comparator.comparingDouble(BatchResult::seconds)).toList().get(results.size() / 2));
    }

    boolean measured() {
        return problem == null;
    }

    double linesPerSecond() {
        return seconds == 0 ? 0 : lines / seconds;
    }

    /** workers × concurrency / latency: what the workers could do if every slot were always busy; 0 if unbounded. */
    double bound() {
        return latencyMs == 0 ? 0 : workers * concurrency * 1000.0 / latencyMs;
    }

    double fractionOfBound() {
        return bound() == 0 ? 0 : linesPerSecond() / bound();
    }
}
