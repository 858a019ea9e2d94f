package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.progress.BatchSnapshot;
import io.inferencegateway.cli.progress.ProgressLine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code igw batch status ID}: one look at a batch. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows a batch's status and progress once, and exits by its status as 'wait' does "
                + "(0 while it runs or once it completed).",
                "--json prints the gateway's Batch object (OpenAI-style) or the batch's entry of FIRST's list."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The batch id.")
    String id;

    @Override
    public Integer call() {
        Batches.Found found = new Batches(options.client()).find(id);
        BatchSnapshot batch = found.snapshot();
        if (options.json) {
            System.out.println(found.json());
        } else {
            System.out.println(batch.id() + "  " + ProgressLine.render(batch, -1, null, null));
        }
        return Batches.exitCode(batch);
    }
}
