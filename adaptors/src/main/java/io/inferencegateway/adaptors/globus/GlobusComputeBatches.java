package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BatchLog;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.BatchStatus;
import io.inferencegateway.spi.GetBatchStatusResponse;
import io.inferencegateway.spi.SubmitBatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Native batches on Globus Compute, as FIRST runs them: one task of the batch function, which runs vLLM's batch
 * runner over an input file on the cluster's filesystem and returns a JSON summary.
 */
final class GlobusComputeBatches {

    private GlobusComputeBatches() {
    }

    /**
     * Submits the batch function with FIRST's parameters
     * {@code {"model_params": {"input_file", "model", "output_folder_path"?}, "batch_id", "username"}}.
     */
    static SubmitBatchResponse submit(GlobusComputeRuntime runtime, Credentials client,
                                      GlobusComputeEndpointConfig settings, String slug, BatchRequest batch,
                                      String username) {
        // A batch endpoint idles with no workers by design; only an offline one is refused.
        Optional<ComputeException> refusal = runtime.readiness().refusal(client, settings.batchEndpointUuid(),
                slug + " (batch)", false);
        if (refusal.isPresent()) {
            return SubmitBatchResponse.error(refusal.get().code(), refusal.get().getMessage());
        }
        ObjectNode params = Json.object();
        ObjectNode modelParams = params.putObject("model_params");
        modelParams.put("input_file", batch.inputFile());
        modelParams.put("model", batch.model());
        if (!batch.outputFolderPath().isEmpty()) {
            modelParams.put("output_folder_path", batch.outputFolderPath());
        }
        params.put("batch_id", batch.batchId());
        params.put("username", username);
        ComputeApi.Submitted submitted;
        try {
            submitted = runtime.api().submit(client, settings.batchEndpointUuid(), settings.batchFunctionUuid(),
                    List.of(ComputeSerializer.taskPayload(List.of(params), Json.object())),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        } catch (ComputeException e) {
            return SubmitBatchResponse.error(e.code(), e.getMessage());
        }
        if (submitted.requestId() == null) {
            return SubmitBatchResponse.error(500, "Batch submitted but no batch UUID recovered.");
        }
        submitted.taskIds().forEach(id -> runtime.poller().watch(client, id));
        return SubmitBatchResponse.ok(submitted.taskGroupId(), submitted.taskIds(),
                BatchStatus.PENDING);
    }

    /**
     * The batch's status from its tasks, as the shared poller last saw them: failed if any failed, completed when
     * all succeeded (with the function's summary as the result), running when any runs, else pending. Asking
     * never blocks: tasks not seen yet are put under watch and count as pending.
     */
    static GetBatchStatusResponse status(GlobusComputeRuntime runtime, Credentials client, BatchLog batch) {
        List<String> ids = batch.taskIds();
        if (ids.isEmpty()) {
            return GetBatchStatusResponse.error(500, "Batch " + batch.id() + " has no Globus Compute task ids.");
        }
        List<String> results = new ArrayList<>();
        boolean running = false;
        boolean pending = false;
        for (String id : ids) {
            Optional<TaskReport> report = runtime.poller().finished(id);
            if (report.isEmpty()) {
                runtime.poller().watch(client, id);
                running |= runtime.poller().lastState(id).map("running"::equals).orElse(false);
                pending = true;
                continue;
            }
            if (!report.get().succeeded()) {
                return GetBatchStatusResponse.ok(BatchStatus.FAILED, report.get().remoteFailure().message());
            }
            try {
                results.add(FunctionResults.unwrapJson(report.get().result()));
            } catch (ComputeException e) {
                return GetBatchStatusResponse.ok(BatchStatus.FAILED, e.getMessage());
            }
        }
        if (pending) {
            return GetBatchStatusResponse.ok(running ? BatchStatus.RUNNING : BatchStatus.PENDING, null);
        }
        if (results.size() == 1) {
            return GetBatchStatusResponse.ok(BatchStatus.COMPLETED, results.get(0));
        }
        // Each result is JSON text already; FIRST joined them with commas, which is JSON only inside brackets.
        return GetBatchStatusResponse.ok(BatchStatus.COMPLETED, "[" + String.join(",", results) + "]");
    }
}
