package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.AdaptorContext;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.GetJobsResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A cluster whose jobs are listed by a registered qstat function run through Globus Compute: FIRST's
 * {@code GlobusComputeCluster}. A model reported running whose endpoint has no managers stays under
 * {@code running} marked {@code "Model Status": "disconnected"}, as FIRST marks it: its job runs, but no worker is
 * connected to take tasks.
 *
 * <p>Fixture {@code config}: {@code qstat_endpoint_uuid} and {@code qstat_function_uuid} (required, as in FIRST),
 * {@code qstat_timeout_seconds} (60).
 */
public class GlobusComputeCluster extends BaseCluster {

    private final String qstatEndpoint;
    private final String qstatFunction;
    private final Duration timeout;
    private final GlobusComputeRuntime runtime;
    private final Credentials client;

    public GlobusComputeCluster(ClusterDefinition definition, AdaptorContext context) {
        super(definition);
        ConfigFields fields = new ConfigFields(definition.config(), name -> null);
        this.qstatEndpoint = GlobusComputeEndpointConfig.uuid(fields, "qstat_endpoint_uuid");
        this.qstatFunction = GlobusComputeEndpointConfig.uuid(fields, "qstat_function_uuid");
        this.timeout = fields.positiveSeconds("qstat_timeout_seconds", Duration.ofSeconds(60));
        this.runtime = GlobusComputeRuntime.of(context);
        this.client = runtime.settings().credentialsFor(qstatEndpoint).orElseThrow(() -> new AdaptorConfigException(
                "config.qstat_endpoint_uuid", "no Globus Compute client to run qstat as: set "
                + "GATEWAY_GLOBUS_COMPUTE_CLIENT_ID and GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET"));
    }

    @Override
    public GetJobsResponse getJobs() {
        try {
            ComputeApi.EndpointStatus status = runtime.readiness().status(client, qstatEndpoint);
            if (!status.online()) {
                return GetJobsResponse.error(500, "The qstat endpoint of cluster " + clusterName() + " is offline.");
            }
            ComputeApi.Submitted submitted = runtime.api().submit(client, qstatEndpoint, qstatFunction,
                    List.of(ComputeSerializer.taskPayload(List.of(), Json.object())),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            String taskId = submitted.taskIds().get(0);
            TaskReport report = FunctionResults.await(runtime.poller().watch(client, taskId), timeout);
            if (report == null) {
                runtime.poller().forget(taskId);
                return GetJobsResponse.error(504, "The qstat function of cluster " + clusterName()
                        + " did not finish within " + ConfigFields.inSeconds(timeout) + " s.");
            }
            if (!report.succeeded()) {
                return GetJobsResponse.error(500, "The qstat function of cluster " + clusterName() + " failed: "
                        + report.remoteFailure().message());
            }
            JsonNode qstat = ComputeSerializer.MAPPER.readTree(FunctionResults.unwrapJson(report.result()));
            if (qstat == null || !qstat.isObject()) {
                return GetJobsResponse.error(502, "The qstat function of cluster " + clusterName()
                        + " did not return a JSON object.");
            }
            return GetJobsResponse.ok(QstatJobs.toJobs(qstat, this::managersOf));
        } catch (ComputeException e) {
            return GetJobsResponse.error(e.code(), "Cannot get the jobs of cluster " + clusterName() + ": "
                    + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return GetJobsResponse.error(502, "The qstat function of cluster " + clusterName()
                    + " returned invalid JSON.");
        }
    }

    /** The managers of the endpoint serving {@code model}, when this gateway knows the endpoint and its status. */
    private Optional<Integer> managersOf(String framework, String model) {
        return runtime.endpoint(clusterName(), framework, model).flatMap(ref -> {
            try {
                return Optional.ofNullable(runtime.readiness().status(ref.client(), ref.endpointUuid()).managers());
            } catch (ComputeException e) {
                return Optional.of(0); // FIRST marks a model disconnected when its endpoint's status cannot be had
            }
        });
    }
}
