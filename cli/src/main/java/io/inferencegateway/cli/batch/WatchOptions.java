package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.progress.ProgressDisplay;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How often {@code --watch} and {@code wait} ask the gateway. */
final class WatchOptions {

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between two looks at the batch while watching (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    Duration interval() {
        return Duration.ofMillis(Math.max(100, (long) (intervalSeconds * 1000)));
    }

    /** How a watch ended: the exit code and the batch as last seen. */
    record Ended(int exitCode, Batches.Found batch) {
    }

    /**
     * Watches a batch found as {@code found} in its own API family until it ends (or {@code timeout}, null for none,
     * runs out), then says on stderr how it ended.
     */
    Ended follow(Batches batches, Batches.Found found, Duration timeout) {
        String id = found.snapshot().id();
        BatchStyle style = found.style();
        Batches.Found[] latest = {found};
        Watch watch = new Watch(() -> {
            latest[0] = batches.find(style, id);
            return latest[0].snapshot();
        }, interval(), timeout, ProgressDisplay.forConsole(System.err), System.err);
        int exitCode = watch.run(found.snapshot());
        if (latest[0].snapshot().terminal()) {
            Summary.print(latest[0], System.err);
        }
        return new Ended(exitCode, latest[0]);
    }
}
