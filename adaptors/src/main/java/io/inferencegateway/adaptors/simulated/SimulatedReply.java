package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.spi.EventStream;
import java.util.concurrent.TimeUnit;

/** What the {@link SimulatedModel} answers: a JSON body, a stream of events, or an OpenAI error. */
public sealed interface SimulatedReply {

    /** HTTP status of the reply. */
    int status();

    /**
     * A complete non-streaming answer.
     *
     * @param body the OpenAI-shaped response body
     */
    record Answer(ObjectNode body) implements SimulatedReply {
        @Override
        public int status() {
            return 200;
        }
    }

    /**
     * A streamed answer; the events arrive at the model's pace and end with {@code [DONE]}.
     *
     * @param events the Server-Sent Events to relay, one {@code data:} payload each
     */
    record Stream(EventStream events) implements SimulatedReply {
        @Override
        public int status() {
            return 200;
        }

        /**
         * Waits up to {@code timeout} for the stream's slot without starting it, for a server that wants to notice
         * a client leaving the queue; the state afterwards ({@code WAITING} on timeout).
         */
        public ModelCapacity.State awaitSlot(long timeout, TimeUnit unit) throws InterruptedException {
            return events instanceof PacedEventStream paced ? paced.awaitSlot(timeout, unit) : ModelCapacity.State.RUNNING;
        }
    }

    /**
     * A refused or (deliberately) failed request.
     *
     * @param status the HTTP status
     * @param body   an OpenAI error body, see {@link OpenAiErrors}
     */
    record Failure(int status, ObjectNode body) implements SimulatedReply {

        /** The error's message, for callers that report failures as text. */
        public String message() {
            return body.path("error").path("message").asText();
        }
    }
}
