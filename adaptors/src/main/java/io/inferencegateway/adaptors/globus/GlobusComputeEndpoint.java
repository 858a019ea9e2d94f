package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.AdaptorContext;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.BatchLog;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.GetBatchStatusResponse;
import io.inferencegateway.spi.SubmitBatchResponse;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A model served on an HPC cluster through Globus Compute: FIRST's {@code GlobusComputeEndpoint}. Each call runs
 * the registered inference function on the endpoint's compute node with FIRST's {@code {"model_params": ...}}
 * argument; streamed answers come back through the gateway's callback routes.
 *
 * <p>Fixture {@code config}: {@code endpoint_uuid}, {@code function_uuid}, {@code api_port} (required, as in
 * FIRST), {@code batch_endpoint_uuid} and {@code batch_function_uuid} (batch is on when both are set), and
 * optionally {@code task_timeout_seconds} (300), {@code stream_first_data_timeout_seconds} (30) and
 * {@code stream_idle_timeout_seconds} (60). Credentials and the callback address come from the environment
 * (see {@link GlobusComputeSettings}).
 */
public class GlobusComputeEndpoint extends BaseEndpoint {

    private final GlobusComputeEndpointConfig settings;
    private final GlobusComputeRuntime runtime;
    private final Credentials client;
    private final Credentials batchClient;
    private final Optional<StreamCallbacks> callbacks;

    public GlobusComputeEndpoint(EndpointDefinition definition, AdaptorContext context) {
        super(definition);
        this.settings = GlobusComputeEndpointConfig.read(definition.config());
        this.runtime = GlobusComputeRuntime.of(context);
        this.client = credentials(settings.endpointUuid());
        this.batchClient = settings.batchEnabled()
                ? runtime.settings().credentialsFor(settings.batchEndpointUuid()).orElse(client) : null;
        this.callbacks = context.service(StreamCallbacks.class);
        runtime.registerEndpoint(cluster(), framework(), model(),
                new GlobusComputeRuntime.EndpointRef(settings.endpointUuid(), client));
    }

    private Credentials credentials(String endpointUuid) {
        return runtime.settings().credentialsFor(endpointUuid).orElseThrow(() -> new AdaptorConfigException(
                "config.endpoint_uuid", "no Globus Compute client to submit tasks as: set "
                + "GATEWAY_GLOBUS_COMPUTE_CLIENT_ID and GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET, or an entry for "
                + endpointUuid + " in GATEWAY_GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES"));
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        String taskId = null;
        try {
            taskId = submit(data.toFirstData());
            TaskReport report = FunctionResults.await(runtime.poller().watch(client, taskId,
                    runtime.pushesResults()), settings.taskTimeout());
            if (report == null) {
                runtime.poller().forget(taskId);
                // FIRST's words; the task id goes with the answer (FIRST's info.task_id).
                return new SubmitTaskResponse(null, taskId, "TimeoutError while attempting to access compute "
                        + "resources. Please try again later.", 408);
            }
            if (!report.succeeded()) {
                RemoteFailure failure = report.remoteFailure();
                // vLLM's own refusal is passed on as vLLM worded it; anything else says where it happened.
                return new SubmitTaskResponse(null, taskId, failure.status() < 500 ? failure.message()
                        : "Error from the remote function on endpoint '" + endpointSlug() + "': " + failure.message(),
                        failure.status());
            }
            return SubmitTaskResponse.ok(FunctionResults.unwrapJson(report.result()), taskId);
        } catch (ComputeException e) {
            return new SubmitTaskResponse(null, taskId, e.getMessage(), e.code());
        }
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        Optional<URI> base = runtime.settings().callbackBase();
        if (callbacks.isEmpty() || base.isEmpty()) {
            return SubmitStreamingTaskResponse.error(501, "Streaming through Globus Compute is not configured on "
                    + "this gateway (GATEWAY_GLOBUS_COMPUTE_CALLBACK_URL); send the request with \"stream\": false.");
        }
        CallbackStream stream = callbacks.get().open(settings.firstDataTimeout(), settings.idleTimeout());
        ObjectNode firstData = data.toFirstData();
        ObjectNode params = (ObjectNode) firstData.get("model_params");
        URI url = base.get();
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        params.put("streaming_server_host", url.getHost());
        params.put("streaming_server_port", url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80);
        params.put("streaming_server_protocol", scheme);
        params.put("stream_task_id", stream.taskId());
        params.put("stream_task_token", stream.token());
        String taskId;
        try {
            taskId = submit(firstData);
        } catch (ComputeException e) {
            stream.close();
            return SubmitStreamingTaskResponse.error(e.code(), e.getMessage());
        }
        // A task that fails before it could post anything would otherwise leave the client waiting for the timeout.
        runtime.poller().watch(client, taskId, runtime.pushesResults()).thenAccept(report -> stream.taskFinished(
                report.succeeded() ? null : report.remoteFailure().message()));
        return SubmitStreamingTaskResponse.ok(stream, taskId);
    }

    /** FIRST's checks, then one task with {@code data} as the function's only argument; returns the task id. */
    private String submit(ObjectNode data) throws ComputeException {
        ((ObjectNode) data.get("model_params")).put("api_port", settings.apiPort());
        Optional<ComputeException> refusal = runtime.readiness().refusal(client, settings.endpointUuid(),
                endpointSlug(), true);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        String payload = ComputeSerializer.taskPayload(List.of(data), Json.object());
        SubmitQueue.Submission submitted = SubmitQueue.await(runtime.submitQueue().submit(client,
                settings.endpointUuid(), settings.functionUuid(), payload));
        runtime.readiness().triggered(settings.endpointUuid());
        return submitted.taskId();
    }

    @Override
    public boolean hasBatchEnabled() {
        return settings.batchEnabled();
    }

    @Override
    public SubmitBatchResponse submitBatch(BatchRequest batchData, String username) {
        if (!settings.batchEnabled()) {
            return super.submitBatch(batchData, username);
        }
        return GlobusComputeBatches.submit(runtime, batchClient, settings, endpointSlug(), batchData, username);
    }

    @Override
    public GetBatchStatusResponse getBatchStatus(BatchLog batch) {
        if (!settings.batchEnabled()) {
            return super.getBatchStatus(batch);
        }
        return GlobusComputeBatches.status(runtime, batchClient, batch);
    }
}
