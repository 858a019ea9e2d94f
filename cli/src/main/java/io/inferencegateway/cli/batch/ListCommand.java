package io.inferencegateway.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code igw batch list}: your batches, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists your batches, newest first: OpenAI-style ones from /v1/batches, or with --first "
                + "FIRST-style ones from /resource_server/v1/batches.",
                "--json prints the gateway's list as it is."})
final class ListCommand implements Callable<Integer> {

    private static final String OPENAI_ROW = "%-30s  %-11s  %-32s  %13s  %7s  %s%n";
    private static final String FIRST_ROW = "%-36s  %-9s  %-20s  %s%n";

    @Mixin
    ClientOptions options;

    @Option(names = "--first", description = "FIRST-style batches instead of OpenAI-style ones.")
    boolean first;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "OpenAI-style: at most N batches, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        GatewayClient client = options.client();
        String json = first ? client.get(Batches.FIRST_BATCHES) : client.get("/v1/batches?limit=" + limit);
        if (options.json) {
            System.out.println(json);
            return ExitCodes.OK;
        }
        JsonNode list = GatewayClient.parse(json);
        if (first) {
            System.out.printf(FIRST_ROW, "ID", "STATUS", "CLUSTER/FRAMEWORK", "INPUT");
            for (JsonNode batch : list) {
                System.out.printf(FIRST_ROW, batch.path("batch_id").asText(), batch.path("status").asText(),
                        batch.path("cluster").asText() + "/" + batch.path("framework").asText(),
                        batch.path("input_file").asText());
            }
        } else {
            System.out.printf(OPENAI_ROW, "ID", "STATUS", "MODEL", "DONE/TOTAL", "FAILED", "CREATED");
            for (JsonNode batch : list.path("data")) {
                JsonNode counts = batch.path("request_counts");
                System.out.printf(OPENAI_ROW, batch.path("id").asText(), batch.path("status").asText(),
                        batch.path("model").asText(), String.format(Locale.ROOT, "%d/%d",
                                counts.path("completed").asLong() + counts.path("failed").asLong(),
                                counts.path("total").asLong()), counts.path("failed").asLong(),
                        Instant.ofEpochSecond(batch.path("created_at").asLong()));
            }
        }
        return ExitCodes.OK;
    }
}
