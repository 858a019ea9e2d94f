package io.inferencegateway.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Calls to a rate-limited remote service, budgeted per key (a client of that service) for every process that holds
 * the same key: gateway replicas and batch workers calling as one client share one budget, so together they stay
 * within the service's limit, and a pause after the service's 429 holds them all. A host that can share state
 * between processes offers one through {@link AdaptorContext#service}; an adaptor given none keeps a budget of its
 * own process.
 */
public interface CallBudget {

    /**
     * Reserves the earliest start {@code limit} allows for one call under {@code key}.
     *
     * @param maxWait the longest the caller would wait
     * @return how long to wait before the call starts; empty when that would be longer than {@code maxWait}, in
     *         which case nothing was reserved
     */
    Optional<Duration> reserve(String key, RateLimit limit, Duration maxWait);

    /** After the service's 429: no call under {@code key} starts within {@code pause}, in any process. */
    void pause(String key, Duration pause);
}
