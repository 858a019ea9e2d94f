package io.inferencegateway.cli.batch;

import picocli.CommandLine.Command;

/** {@code igw batch}: submit, watch and fetch batches of either API family. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Submit batches and follow them: OpenAI-style (the file uploaded to /v1/files, then "
                + "/v1/batches) or FIRST-style (a file on the gateway's filesystem, --cluster and --framework).",
                "A batch id is looked up in both families: /v1/batches first, then FIRST's "
                        + "/resource_server/v1/batches."},
        subcommands = {SubmitCommand.class, ListCommand.class, StatusCommand.class, WaitCommand.class,
                CancelCommand.class, DownloadCommand.class})
public final class BatchCommand {
}
