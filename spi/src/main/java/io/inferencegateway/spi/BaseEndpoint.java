package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletionStage;

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
 *   <li>Implement {@link #submitTask} and {@link #submitStreamingTask}, the blocking forms. They are called on
 *       virtual threads: block freely on I/O, but hold no lock while you do.</li>
 *   <li>Or, for a backend reached through an asynchronous client, implement {@link #submitTaskAsync} and
 *       {@link #submitStreamingTaskAsync} instead (or as well). Each form of a pair defaults to the other: the
 *       blocking default waits for the asynchronous form, and the asynchronous default runs the blocking form on
 *       a virtual thread. An adaptor must implement at least one form of each pair; one that implements neither
 *       is refused when it is built, with an {@link AdaptorConfigException} naming the class and the two
 *       methods.</li>
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
    private final SubmitForms forms;

    /** @throws AdaptorConfigException when the class implements neither form of a submit method */
    protected BaseEndpoint(EndpointDefinition definition) {
        this.definition = definition;
        this.forms = SubmitForms.of(getClass());
    }

    /**
     * Submits one interactive task and waits for its result. By default it waits for {@link #submitTaskAsync};
     * an exception the stage completes with is thrown as itself, and if the waiting thread is interrupted the stage
     * is cancelled and a {@link java.util.concurrent.CancellationException} thrown, the interrupt kept.
     */
    public SubmitTaskResponse submitTask(TaskRequest data) {
        return FormBridge.await(submitTaskAsync(data), getClass().getName() + ".submitTaskAsync");
    }

    /**
     * Submits one interactive task; the stage completes with its result. By default it runs {@link #submitTask}
     * on a new virtual thread and completes there, exceptionally with exactly what it threw.
     *
     * <p>Callers: the stage may complete on the adaptor's I/O thread (an HTTP client's selector), so its
     * dependents must never block; hand blocking work to a thread of your own. Adaptors: report failures through
     * the stage (an error response, or completing it exceptionally) rather than by throwing here, and abort the
     * backend call when the stage is cancelled.
     */
    public CompletionStage<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
        return FormBridge.onVirtualThread(() -> submitTask(data), "adaptor-" + endpointSlug());
    }

    /**
     * Submits one interactive task whose result streams back as Server-Sent Events. By default it waits for
     * {@link #submitStreamingTaskAsync}, as {@link #submitTask} does for its asynchronous form.
     *
     * @param requestLogId the gateway's id for this request, for adaptors whose backend reports back by id
     */
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        return FormBridge.await(submitStreamingTaskAsync(data, requestLogId),
                getClass().getName() + ".submitStreamingTaskAsync");
    }

    /**
     * Submits one interactive streaming task; the stage completes once the stream has started (or failed to), and
     * the events are then read through the {@link EventStream} as from {@link #submitStreamingTask}. By default it
     * runs {@link #submitStreamingTask} on a new virtual thread. The same rule holds for callers as for
     * {@link #submitTaskAsync}: never block in the stage's dependents.
     *
     * @param requestLogId the gateway's id for this request, for adaptors whose backend reports back by id
     */
    public CompletionStage<SubmitStreamingTaskResponse> submitStreamingTaskAsync(TaskRequest data,
                                                                                 String requestLogId) {
        return FormBridge.onVirtualThread(() -> submitStreamingTask(data, requestLogId), "adaptor-" + endpointSlug());
    }

    /**
     * Whether this adaptor implements {@link #submitTaskAsync} itself, so that calling it holds no thread while
     * the backend works. When false, the asynchronous form only starts a virtual thread to run the blocking one:
     * a caller that has a thread to block on then saves a hand-off by calling {@link #submitTask}.
     */
    public final boolean submitTaskAsyncIsNative() {
        return forms.submitTaskAsync();
    }

    /**
     * Whether this adaptor implements {@link #submitStreamingTaskAsync} itself; see
     * {@link #submitTaskAsyncIsNative}.
     */
    public final boolean submitStreamingTaskAsyncIsNative() {
        return forms.submitStreamingTaskAsync();
    }

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
