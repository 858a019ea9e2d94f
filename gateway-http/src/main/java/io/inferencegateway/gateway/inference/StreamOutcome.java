package io.inferencegateway.gateway.inference;

import io.inferencegateway.gateway.limits.Usage;

/**
 * How a relayed stream ended.
 *
 * @param usage           token usage from the final usage chunk, or {@link Usage#NONE}
 * @param clientGone      the client disconnected before the end (upstream was cancelled)
 * @param upstreamError   what failed upstream after the stream started, or null
 * @param firstEventNanos time from the start of the relay to the first event written, or -1
 */
public record StreamOutcome(Usage usage, boolean clientGone, String upstreamError, long firstEventNanos) {
}
