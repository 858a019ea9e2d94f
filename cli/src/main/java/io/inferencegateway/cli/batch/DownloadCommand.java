package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.client.GatewayException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code igw batch download ID}: a finished batch's results. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Writes a batch's results to stdout, or to a file with -o: OpenAI-style, the output file "
                + "(JSONL, one answer per line) or with --errors the error file; FIRST-style, the answer of "
                + "/resource_server/v1/batches/ID/result.",
                "A batch still running has no results yet (exit 1); with -o, a failed download leaves FILE as it "
                        + "was."})
final class DownloadCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The batch id.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = "--errors", description = "OpenAI-style: the error file (lines that failed) instead.")
    boolean errors;

    @Override
    public Integer call() {
        GatewayClient client = options.client();
        Batches.Found found = new Batches(client).find(id);
        String path;
        if (found.style() == BatchStyle.FIRST) {
            path = Batches.FIRST_BATCHES + "/" + GatewayClient.encode(id) + "/result";
        } else {
            String field = errors ? "error_file_id" : "output_file_id";
            String fileId = GatewayClient.parse(found.json()).path(field).asText("");
            if (fileId.isEmpty() || fileId.equals("null")) {
                throw new GatewayException(ExitCodes.GATEWAY_ERROR, 0, "", "batch " + id + " is "
                        + found.snapshot().status() + " and has no " + (errors ? "error" : "output") + " file"
                        + (found.snapshot().terminal() ? "" : " yet: igw batch wait " + id));
            }
            path = "/v1/files/" + GatewayClient.encode(fileId) + "/content";
        }
        if (output == null) {
            client.download(path, "application/jsonl, application/json;q=0.9, */*;q=0.5", System.out);
            return ExitCodes.OK;
        }
        // Written beside the target, then moved over it: a download that fails leaves no half file under FILE.
        Path partial = output.resolveSibling(output.getFileName() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                client.download(path, "application/jsonl, application/json;q=0.9, */*;q=0.5", out);
            } catch (RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
