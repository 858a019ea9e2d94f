package io.inferencegateway.worker;

import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitBatchResponse;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A native-batch adaptor for tests whose {@code submitBatch} throws an {@link OutOfMemoryError}: a submission that
 * fails the same way every time it is handled, as a 700 MB one-line input once did.
 */
public class ExplodingBatchEndpoint extends BaseEndpoint {

    /** Calls of {@code submitBatch}, across instances (the worker builds its own). */
    static final AtomicInteger SUBMITS = new AtomicInteger();

    public ExplodingBatchEndpoint(EndpointDefinition definition) {
        super(definition);
    }

    @Override
    public boolean hasBatchEnabled() {
        return true;
    }

    @Override
    public SubmitBatchResponse submitBatch(BatchRequest batchData, String username) {
        SUBMITS.incrementAndGet();
        throw new OutOfMemoryError("Simulated: this batch exhausts the heap every time");
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
