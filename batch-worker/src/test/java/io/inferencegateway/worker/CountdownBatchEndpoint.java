package io.inferencegateway.worker;

import java.util.List;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.BatchLog;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.BatchStatus;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.GetBatchStatusResponse;
import io.inferencegateway.spi.SubmitBatchResponse;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A native-batch adaptor for tests: accepts any batch and reports it running until it has been asked
 * {@code config.polls_to_complete} times, then completed.
 */
public class CountdownBatchEndpoint extends BaseEndpoint {

    /** Status polls per batch id, across instances (the worker builds its own). */
    static final Map<String, AtomicInteger> POLLS = new ConcurrentHashMap<>();

    private final int pollsToComplete;

    public CountdownBatchEndpoint(EndpointDefinition definition) {
        super(definition);
        this.pollsToComplete = definition.config().path("polls_to_complete").asInt(3);
    }

    @Override
    public boolean hasBatchEnabled() {
        return true;
    }

    @Override
    public SubmitBatchResponse submitBatch(BatchRequest batchData, String username) {
        return SubmitBatchResponse.ok("native-" + batchData.batchId(), List.of("task-1", "task-2"), BatchStatus.PENDING);
    }

    @Override
    public GetBatchStatusResponse getBatchStatus(BatchLog batch) {
        int polls = POLLS.computeIfAbsent(batch.id(), id -> new AtomicInteger()).incrementAndGet();
        return polls >= pollsToComplete
                ? GetBatchStatusResponse.ok(BatchStatus.COMPLETED, "{\"results_file\": \"/tmp/" + batch.id() + "\"}")
                : GetBatchStatusResponse.ok(BatchStatus.RUNNING, "");
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        return SubmitTaskResponse.error(501, "Batch only.");
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        return SubmitStreamingTaskResponse.error(501, "Batch only.");
    }
}
