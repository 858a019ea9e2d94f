package io.inferencegateway.adaptors.globus;

import java.time.Duration;

/**
 * The gateway's receiving end for streamed answers: the remote function FIRST deploys posts its chunks to this
 * replica's {@code /resource_server/api/streaming/{data,error,done}/} routes, which hand them to the stream
 * opened here. The gateway offers it to adaptors through their {@code AdaptorContext}; processes without those
 * routes (the batch workers) offer none, and streaming is then unavailable.
 */
public interface StreamCallbacks {

    /**
     * Registers a new stream under a fresh task id and token.
     *
     * @param firstDataTimeout how long to wait for the first chunk before ending with an error event
     * @param idleTimeout      how long a gap between chunks may last before ending with an error event
     */
    CallbackStream open(Duration firstDataTimeout, Duration idleTimeout);
}
