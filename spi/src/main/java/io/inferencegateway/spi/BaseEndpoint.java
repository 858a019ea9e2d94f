package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An endpoint adaptor: how the gateway reaches one model on one cluster. This is FIRST's {@code BaseEndpoint} in
 * Java; an operator who has written one for FIRST will find the same methods and fields here.
 *
 * <h2>Writing an adaptor</h2>
 * <ol>
 *   <li>Extend this class and give it a public constructor that takes one {@link EndpointDefinition}; pass it
 *       to {@code super}. Read your settings from {@link #config()} there and throw
 *       {@link AdaptorConfigException} naming the field when they are unusable, so the gateway refuses to start
 *       with a clear message instead of failing on the first request.</li>
 *   <li>Implement {@link #submitTask} and {@link #submitStreamingTask}. They are called on virtual threads: block
 *       freely on I/O, but hold no lock while you do.</li>
 *   <li>Report failures as responses with an error code (a 4xx for the client's fault, 5xx for the backend's)
 *       rather than exceptions; an unexpected exception becomes a 502.</li>
 *   <li>Optionally override {@link #hasBatchEnabled}, {@link #submitBatch} and {@link #getBatchStatus} to run
 *       whole batches natively; otherwise the batch workers send the lines one by one through
 *       {@link #submitTask}.</li>
 *   <li>Name the class in {@code fixtures/endpoints.json} ({@code endpoint_adapter}) and put its jar on the
 *       classpath.</li>
 * </ol>
 * One instance serves every request for its endpoint concurrently, so it must be thread-safe. The gateway
 * calls {@link #close()} once when it stops.
 */
public abstract class BaseEndpoint implements AutoCloseable {

    private final EndpointDefinition definition;

    protected BaseEndpoint(EndpointDefinition definition) {
        this.definition = definition;
    }

    /** Submits one interactive task and waits for its result. */
    public abstract SubmitTaskResponse submitTask(TaskRequest data);

    /**
     * Submits one interactive task whose result streams back as Server-Sent Events.
     *
     * @param requestLogId the gateway's id for this request, for adaptors whose backend reports back by id
     */
    public abstract SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId);

    /** Whether this adaptor runs whole batches itself. Off by default. */
    public boolean hasBatchEnabled() {
        return false;
    }

    /** Submits a whole batch to the backend. Only called when {@link #hasBatchEnabled()} is true. */
    public SubmitBatchResponse submitBatch(BatchRequest batchData, String username) {
        return SubmitBatchResponse.error(501, "Endpoint '" + endpointSlug() + "' does not run batches natively.");
    }

    /** Asks the backend how a batch submitted by {@link #submitBatch} is doing. */
    public GetBatchStatusResponse getBatchStatus(BatchLog batch) {
        return GetBatchStatusResponse.error(501, "Endpoint '" + endpointSlug() + "' does not run batches natively.");
    }

    /** Releases clients and threads; called once when the gateway stops. */
    @Override
    public void close() {
    }

    public final EndpointDefinition definition() {
        return definition;
    }

    public final long id() {
        return definition.id();
    }

    public final String endpointSlug() {
        return definition.endpointSlug();
    }

    public final String cluster() {
        return definition.cluster();
    }

    public final String framework() {
        return definition.framework();
    }

    public final String model() {
        return definition.model();
    }

    public final String endpointAdapter() {
        return definition.endpointAdapter();
    }

    public final List<String> allowedGlobusGroups() {
        return definition.allowedGlobusGroups();
    }

    public final List<String> allowedDomains() {
        return definition.allowedDomains();
    }

    /** The fixture's {@code config} object (a copy). */
    public final ObjectNode config() {
        return definition.config();
    }
}
