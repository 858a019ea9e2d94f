package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.client.GatewayException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code igw batch submit FILE}: upload and create a batch (OpenAI-style), or submit a FIRST-style one. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submits a batch and prints its id on stdout (the batch's JSON with --json).",
                "OpenAI-style (default): FILE is a local JSONL file, uploaded with purpose=batch to /v1/files, then "
                        + "POST /v1/batches. With --model M, lines without body.model get M; a line naming "
                        + "another model stops the submit (exit 2) unless --override-model, which runs every line "
                        + "on M. Lines already right are uploaded byte for byte.",
                "FIRST-style (--cluster and --framework): FILE is a path on the gateway's filesystem, under your "
                        + "batch roots; --model is required and no file is uploaded.",
                "--watch then follows the batch as 'igw batch wait' does, and exits as it does."})
final class SubmitCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Mixin
    WatchOptions watchOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The batch input (JSONL).")
    String file;

    @Option(names = "--model", paramLabel = "M", description = "The model for lines that name none (see above).")
    String model;

    @Option(names = "--override-model", description = "Run every line on --model, whatever the line names.")
    boolean overrideModel;

    @Option(names = "--window", paramLabel = "W", defaultValue = "24h",
            description = "Completion window: 24h (default) or, on this gateway, 1m to 7d (30m, 2h, 3d).")
    String window;

    @Option(names = "--endpoint", paramLabel = "PATH",
            description = "OpenAI-style: the endpoint every line calls; default: the first line's url, else "
                    + "/v1/chat/completions.")
    String endpoint;

    @Option(names = "--watch", description = "Show a progress bar until the batch ends; exit by how it ended.")
    boolean watch;

    @ArgGroup(exclusive = false)
    First first;

    /** FIRST's submit route takes a cluster, a framework and an output folder. */
    static final class First {
        @Option(names = "--cluster", required = true, paramLabel = "C",
                description = "FIRST-style: the cluster (with --framework).")
        String cluster;

        @Option(names = "--framework", required = true, paramLabel = "F",
                description = "FIRST-style: the framework, e.g. vllm.")
        String framework;

        @Option(names = "--output-folder", paramLabel = "DIR",
                description = "FIRST-style: where the gateway writes the results, under your batch roots.")
        String outputFolder;
    }

    @Override
    public Integer call() {
        GatewayClient client = options.client();
        Batches batches = new Batches(client);
        Batches.Found created = first == null ? submitOpenAi(client) : submitFirst(client, batches);
        System.out.println(options.json ? created.json() : created.snapshot().id());
        System.out.flush();
        if (watch && !created.snapshot().terminal()) {
            return watchOptions.follow(batches, created, null).exitCode();
        }
        if (created.snapshot().terminal()) {
            Summary.print(created, System.err);
        }
        return Batches.exitCode(created.snapshot());
    }

    private Batches.Found submitOpenAi(GatewayClient client) {
        BatchInput input = BatchInput.prepare(Path.of(file), model, overrideModel);
        try {
            if (input.rewritten() > 0) {
                System.err.printf("igw: %,d of %,d lines given model %s%n", input.rewritten(), input.lines(), model);
            }
            String fileId = GatewayClient.parse(client.upload(input.file(), Path.of(file).getFileName().toString(),
                    "batch")).path("id").asText();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("input_file_id", fileId);
            body.put("endpoint", endpoint != null ? endpoint
                    : input.endpoint() != null ? input.endpoint() : "/v1/chat/completions");
            body.put("completion_window", window);
            String json = client.post("/v1/batches", body);
            return new Batches.Found(BatchStyle.OPENAI, json, Batches.openAiSnapshot(GatewayClient.parse(json)));
        } finally {
            input.cleanUp();
        }
    }

    private Batches.Found submitFirst(GatewayClient client, Batches batches) {
        if (model == null) {
            throw GatewayException.usage("a FIRST-style batch (--cluster, --framework) needs --model");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input_file", file);
        body.put("model", model);
        if (first.outputFolder != null) {
            body.put("output_folder_path", first.outputFolder);
        }
        body.put("completion_window", window);
        String json = client.post("/resource_server/" + GatewayClient.encode(first.cluster) + "/"
                + GatewayClient.encode(first.framework) + "/v1/batches", body);
        String id = GatewayClient.parse(json).path("batch_id").asText();
        if (id.isEmpty()) {
            throw new GatewayException(ExitCodes.GATEWAY_ERROR, 0, "", "the gateway's answer has no batch_id: " + json);
        }
        Batches.Found found = batches.find(BatchStyle.FIRST, id);
        return new Batches.Found(BatchStyle.FIRST, json, found.snapshot());
    }
}
