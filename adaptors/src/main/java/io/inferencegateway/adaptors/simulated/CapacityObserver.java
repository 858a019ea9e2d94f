package io.inferencegateway.adaptors.simulated;

/** Hears what a {@link ModelCapacity} serves, for metrics; called on the requests' threads, so it must be quick. */
public interface CapacityObserver {

    /** Observes nothing. */
    CapacityObserver NONE = new CapacityObserver() {
    };

    /**
     * A stream handed out its first token.
     *
     * @param nanos time since the request arrived, queue wait included
     */
    default void firstToken(long nanos) {
    }

    /**
     * A request was answered in full.
     *
     * @param finishReason {@code stop} or {@code length}
     * @param nanos        time since the request arrived, queue wait included
     */
    default void finished(String finishReason, long nanos) {
    }
}
