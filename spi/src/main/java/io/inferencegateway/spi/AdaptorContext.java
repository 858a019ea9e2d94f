package io.inferencegateway.spi;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the process that builds the adaptors offers them besides their definition. An adaptor that needs it
 * declares a public constructor taking {@code (EndpointDefinition, AdaptorContext)} (or
 * {@code (ClusterDefinition, AdaptorContext)}); the registry prefers that one to the one-argument constructor.
 *
 * <p>Most adaptors need none of this. It exists for backends reached through a process-wide resource (one
 * rate-limited poller for a whole cloud service) or through a service of the host process (the gateway's
 * streaming callback routes).
 */
public interface AdaptorContext {

    /** The value of an environment variable of the process (tests pass their own), or null when unset. */
    String environment(String name);

    /** An object the host process offers, e.g. the gateway's streaming callback relay; empty when it offers none. */
    <T> Optional<T> service(Class<T> type);

    /**
     * The one instance of {@code type} that every adaptor built with this context shares, created by
     * {@code factory} on first request and closed when the adaptors are closed.
     */
    <T extends AutoCloseable> T shared(Class<T> type, Function<AdaptorContext, T> factory);
}
