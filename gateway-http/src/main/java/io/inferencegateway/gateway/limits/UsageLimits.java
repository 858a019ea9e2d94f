package io.inferencegateway.gateway.limits;

import io.inferencegateway.access.User;
import io.inferencegateway.spi.EndpointDefinition;

/**
 * Request-rate and token limits, the same for every gateway replica. Checks are in-memory; usage flows to the
 * other replicas in the background.
 */
public interface UsageLimits {

    /** Counts one request of {@code user}; throws a 429 {@code ApiException} when over the per-second limit. */
    void admitRequest(User user);

    /** Throws a 429 {@code ApiException} when the model, or the user on it, used its tokens for this minute. */
    void admitTokens(User user, EndpointDefinition endpoint);

    /** Records what a finished request used. */
    void recordTokens(User user, EndpointDefinition endpoint, Usage usage);

    /** No limits at all. */
    UsageLimits NONE = new UsageLimits() {
        @Override
        public void admitRequest(User user) {
        }

        @Override
        public void admitTokens(User user, EndpointDefinition endpoint) {
        }

        @Override
        public void recordTokens(User user, EndpointDefinition endpoint, Usage usage) {
        }
    };
}
