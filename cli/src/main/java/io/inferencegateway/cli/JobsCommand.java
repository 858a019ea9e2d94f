package io.inferencegateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code igw jobs CLUSTER}: what runs on a cluster, FIRST's jobs route. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Shows a cluster's jobs (GET /resource_server/CLUSTER/jobs): the models running, queued, "
                + "stopped and the rest, and the cluster's status.")
final class JobsCommand implements Callable<Integer> {

    /** FIRST's job lists, in the order shown. */
    static final List<String> STATES = List.of("running", "queued", "stopped", "others", "private_batch_running",
            "private_batch_queued");

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster, e.g. sim.")
    String cluster;

    @Override
    public Integer call() {
        String json = options.client().get("/resource_server/" + GatewayClient.encode(cluster) + "/jobs");
        if (options.json) {
            System.out.println(json);
            return ExitCodes.OK;
        }
        JsonNode jobs = GatewayClient.parse(json);
        for (String state : STATES) {
            for (JsonNode job : jobs.path(state)) {
                System.out.printf("%-22s %-48s %s%n", state, job.path("Models").asText(),
                        job.path("Framework").asText());
            }
        }
        for (Map.Entry<String, JsonNode> status : jobs.path("cluster_status").properties()) {
            System.out.println(status.getKey() + ": " + (status.getValue().isValueNode()
                    ? status.getValue().asText() : status.getValue().toString()));
        }
        return ExitCodes.OK;
    }
}
