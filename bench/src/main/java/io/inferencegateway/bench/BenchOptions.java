package io.inferencegateway.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One run's settings, after {@code --quick} and explicit options were combined.
 *
 * @param warmup          wrk warm-up before each measured row, and of each path before the streaming probe
 * @param duration        each measured wrk row
 * @param streams         measured streams per path
 * @param streamWarmup    streams per path before those, not counted
 * @param batchLines      lines of each batch
 * @param uploadBytes     size of the large upload (the small one is a tenth of it)
 */
record BenchOptions(boolean quick, Duration warmup, Duration duration, int streams, int streamWarmup,
                    int batchLines, long uploadBytes, boolean skipBatch, Path outputDir, Path projectRoot) {

    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(20);
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(15);
    static final Duration QUICK_WARMUP = Duration.ofSeconds(2);
    static final Duration QUICK_DURATION = Duration.ofSeconds(3);

    long smallUploadBytes() {
        return uploadBytes / 10;
    }
}
