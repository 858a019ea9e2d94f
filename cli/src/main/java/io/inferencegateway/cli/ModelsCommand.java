package io.inferencegateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code igw models}: the models the key may use. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the models you may use (GET /v1/models): the model and the cluster that serves it.")
final class ModelsCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() {
        String json = options.client().get("/v1/models");
        if (options.json) {
            System.out.println(json);
            return ExitCodes.OK;
        }
        for (JsonNode model : GatewayClient.parse(json).path("data")) {
            System.out.printf("%-48s %s%n", model.path("id").asText(), model.path("owned_by").asText());
        }
        return ExitCodes.OK;
    }
}
