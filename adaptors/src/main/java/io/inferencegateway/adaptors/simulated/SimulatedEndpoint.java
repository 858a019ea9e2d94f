package io.inferencegateway.adaptors.simulated;

import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.time.Clock;

/**
 * An endpoint adaptor backed by the in-process {@link SimulatedModel}: no network, no GPU, deterministic answers
 * at a configurable pace and capacity. Its {@code config} takes the keys of {@link SimulatedSettings}; a refusal
 * when the model's queue is full is an error response with the configured status (429 or 503).
 */
public class SimulatedEndpoint extends BaseEndpoint {

    private final SimulatedModel model;

    public SimulatedEndpoint(EndpointDefinition definition) {
        super(definition);
        // Seeding the failure draws with the endpoint's id keeps a fixture's failures replayable run to run.
        this.model = new SimulatedModel(SimulatedSettings.fromConfig(definition.config()), definition.id(),
                Clock.systemUTC(), CapacityObserver.NONE);
    }

    public SimulatedSettings settings() {
        return model.settings();
    }

    /** The model's slots and queue, shared by every call to this endpoint. */
    public ModelCapacity capacity() {
        return model.capacity();
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        SimulatedReply reply;
        try {
            // Adaptor calls run on virtual threads, so waiting for a slot and the latency costs no platform thread.
            reply = model.answer(data.openaiEndpoint(), data.modelParams());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SubmitTaskResponse.error(503, "Interrupted while the simulated model was answering.");
        }
        return switch (reply) {
            case SimulatedReply.Answer answer -> SubmitTaskResponse.ok(Json.write(answer.body()), null);
            case SimulatedReply.Failure failure -> SubmitTaskResponse.error(failure.status(), failure.message());
            case SimulatedReply.Stream stream -> throw new IllegalStateException("answer() never streams");
        };
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        return switch (model.stream(data.openaiEndpoint(), data.modelParams())) {
            case SimulatedReply.Stream stream -> SubmitStreamingTaskResponse.ok(stream.events(), null);
            case SimulatedReply.Failure failure -> SubmitStreamingTaskResponse.error(failure.status(), failure.message());
            case SimulatedReply.Answer answer -> throw new IllegalStateException("stream() never answers whole");
        };
    }
}
