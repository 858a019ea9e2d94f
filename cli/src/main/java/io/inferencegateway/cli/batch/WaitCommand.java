package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.client.ClientOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code igw batch wait ID}: a progress bar until the batch ends. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Follows a batch until it ends, with a progress bar on stderr: lines done and failed, "
                + "rate, time left, status and why the batch waits, when it does. Redrawn in place on a terminal; "
                + "elsewhere a line at each change of status, and every 10 s.",
                "Exits 0 when the batch completed, 5 failed, 6 expired, 7 cancelled, 8 when --timeout ran out.",
                "--json prints the gateway's JSON for the batch at its end on stdout."})
final class WaitCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Mixin
    WatchOptions watchOptions;

    @Parameters(index = "0", paramLabel = "ID", description = "The batch id.")
    String id;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up after this many seconds (exit 8); default: wait as long as the batch runs.")
    Long timeoutSeconds;

    @Override
    public Integer call() {
        Batches batches = new Batches(options.client());
        Batches.Found found = batches.find(id);
        WatchOptions.Ended ended = watchOptions.follow(batches, found, timeoutSeconds == null ? null
                : Duration.ofSeconds(timeoutSeconds));
        if (options.json) {
            System.out.println(ended.batch().json());
        }
        return ended.exitCode();
    }
}
