package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.progress.ProgressDisplay;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** How often {@code --watch} and {@code wait} ask the gateway. */
final class WatchOptions {

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between two looks at the batch while watching (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    Duration interval() {
        return Duration.ofMillis(Math.max(100, (long) (intervalSeconds * 1000)));
    }

    /** Watches a batch found as {@code found}, polling it in its own API family. */
    int watch(Batches batches, Batches.Found found, Duration timeout, Consumer<Batches.Found> last) {
        String id = found.snapshot().id();
        BatchStyle style = found.style();
        Batches.Found[] latest = {found};
        Watch watch = new Watch(() -> {
            latest[0] = batches.find(style, id);
            return latest[0].snapshot();
        }, interval(), timeout, ProgressDisplay.forConsole(System.err), System.err);
        return watch.run(found.snapshot(), snapshot -> last.accept(latest[0]));
    }
}
