package io.inferencegateway.cli.batch;

import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.client.GatewayException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code igw batch cancel ID}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancels a batch: it becomes 'cancelling', then 'cancelled' once the workers stopped it "
                + "('igw batch wait ID' follows it there). Prints the new status (the batch's JSON with --json).",
                "FIRST-style batches: POST /resource_server/v1/batches/ID/cancel (this gateway's; FIRST itself has "
                        + "no cancel route, and igw says so when a gateway answers 404)."})
final class CancelCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The batch id.")
    String id;

    @Override
    public Integer call() {
        GatewayClient client = options.client();
        Batches.Found found = new Batches(client).find(id);
        String path = (found.style() == BatchStyle.OPENAI ? "/v1/batches/" : Batches.FIRST_BATCHES + "/")
                + GatewayClient.encode(id) + "/cancel";
        String json;
        try {
            json = client.post(path, Map.of());
        } catch (GatewayException e) {
            if (found.style() == BatchStyle.FIRST && (e.status() == 404 || e.status() == 405)) {
                throw new GatewayException(ExitCodes.GATEWAY_ERROR, e.status(), e.code(), "this gateway cannot "
                        + "cancel FIRST-style batches (" + e.getMessage() + ")");
            }
            throw e;
        }
        if (options.json) {
            System.out.println(json);
        } else {
            System.out.println(id + "  " + GatewayClient.parse(json).path("status").asText(""));
        }
        return ExitCodes.OK;
    }
}
