package io.inferencegateway.adaptors.globus;

import io.inferencegateway.spi.EventStream;

/**
 * One stream registered with {@link StreamCallbacks}: its id and token go to the remote function, and its events
 * are the chunks the function posts back. Closing it unregisters it.
 */
public interface CallbackStream extends EventStream {

    /** The id the remote function names in its callbacks ({@code stream_task_id}), a UUID. */
    String taskId();

    /** The secret the remote function sends in {@code X-Stream-Task-Token} ({@code stream_task_token}). */
    String token();

    /**
     * The Globus Compute task behind the stream finished. The remote function posts its chunks before it returns,
     * so a stream that has not ended by now never will: it ends with an error event, which says
     * {@code failure} when the task failed.
     *
     * @param failure the task's error, or null when it succeeded
     */
    void taskFinished(String failure);
}
