package io.inferencegateway.cli;

import io.inferencegateway.cli.batch.BatchCommand;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code igw}: the gateway's command-line client. Every failure is one line on stderr and an exit code. */
@Command(name = "igw", mixinStandardHelpOptions = true, version = "igw 0.1.0",
        description = {"The inference gateway from a terminal: models, cluster jobs, chat, and batches with a "
                + "progress bar.",
                "The gateway and key come from 'igw login' (stored in ~/.config/igw/config, readable by you "
                        + "only; IGW_CONFIG names another file), overridden by IGW_BASE_URL and IGW_API_KEY.",
                "--json on every command prints the gateway's JSON as it is, for scripts."},
        subcommands = {LoginCommand.class, ModelsCommand.class, JobsCommand.class, ChatCommand.class,
                BatchCommand.class, CompletionCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; a watched batch completed",
            "1:the gateway refused the request (its error is printed on stderr)",
            "2:usage error: bad arguments, no gateway configured (igw login), unusable input",
            "3:authentication or permission refused (HTTP 401 or 403)",
            "4:network error: the gateway could not be reached or did not answer in time",
            "5:the batch failed",
            "6:the batch expired (its completion window ended)",
            "7:the batch was cancelled",
            "8:batch wait --timeout: still running when the time was up"})
public final class IgwMain {

    private IgwMain() {
    }

    /** The command line with igw's error handling: one line on stderr, the exit code of {@link ExitCodes}. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new IgwMain());
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            failed.getErr().println("igw: " + message(failure));
            failed.getErr().flush();
            return failure instanceof GatewayException gateway ? gateway.exitCode() : ExitCodes.GATEWAY_ERROR;
        });
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine failed = failure.getCommandLine();
            failed.getErr().println("igw: " + failure.getMessage());
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            failed.getErr().flush();
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    private static String message(Exception failure) {
        if (failure instanceof UncheckedIOException io && io.getMessage() != null) {
            return io.getMessage();
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
