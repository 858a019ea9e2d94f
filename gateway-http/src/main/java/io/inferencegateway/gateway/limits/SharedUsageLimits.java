package io.inferencegateway.gateway.limits;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.spi.EndpointDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Request-rate and token-per-minute limits shared by every gateway replica. Each replica counts its own usage at
 * once and learns the others' through the usage topic within moments, so a user cannot multiply a limit by the
 * number of replicas. Checks read memory only; the topic is written and read in the background.
 */
public final class SharedUsageLimits implements UsageLimits, AutoCloseable {

    private static final Duration FORGET_INTERVAL = Duration.ofMinutes(1);

    private final LimitSettings settings;
    private final Clock clock;
    private final String replica = UUID.randomUUID().toString();
    private final UsageCounters counters = new UsageCounters();
    private final UsageStream stream;
    private final Thread forgetter;

    public SharedUsageLimits(LimitSettings settings, KafkaSettings kafka, String usageTopic, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.stream = new UsageStream(kafka, usageTopic, replica, Duration.ofMillis(100), clock::millis,
                counters::apply);
        this.forgetter = Thread.ofVirtual().name("usage-forgetter").start(this::forgetEmptyWindows);
    }

    @Override
    public void admitRequest(User user) {
        int limit = settings.requestsPerSecondPerUser();
        if (limit <= 0) {
            return;
        }
        long now = clock.millis();
        if (counters.requests().sum(user.id(), now) >= limit) {
            throw new ApiException(429, "too_many_requests", "Too many requests: the limit is " + limit
                    + " per second per user.", null, "1");
        }
        counters.requests().add(user.id(), now, 1);
        stream.add(user.id(), null, 1);
    }

    @Override
    public void admitTokens(User user, EndpointDefinition endpoint) {
        long now = clock.millis();
        check(endpoint.tpmModel(), counters.modelTokens(), endpoint.endpointSlug(), now,
                "Tokens/minute limit of model '" + endpoint.model() + "' exceeded for all users");
        check(endpoint.tpmUser(), counters.userTokens(), UsageCounters.userOn(endpoint.endpointSlug(), user.id()),
                now, "Tokens/minute limit of model '" + endpoint.model() + "' exceeded for you");
    }

    @Override
    public void recordTokens(User user, EndpointDefinition endpoint, Usage usage) {
        // Only models with a token limit need their usage counted and shared.
        if (usage.totalTokens() > 0 && (endpoint.tpmModel() > 0 || endpoint.tpmUser() > 0)) {
            counters.apply(new UsageEvent(replica, user.id(), endpoint.endpointSlug(), usage.totalTokens(),
                    clock.millis()));
            stream.add(user.id(), endpoint.endpointSlug(), usage.totalTokens());
        }
    }

    /** Usage sums this replica could not share (Kafka refused them). */
    public long droppedEvents() {
        return stream.dropped();
    }

    /** Every minute, the length of the longest window, forgets the windows of users and models gone quiet. */
    private void forgetEmptyWindows() {
        try {
            while (true) {
                Thread.sleep(FORGET_INTERVAL);
                counters.forgetEmpty(clock.millis());
            }
        } catch (InterruptedException e) {
            // close()
        }
    }

    private static void check(int limit, WindowMap windows, String key, long now, String message) {
        if (limit <= 0) {
            return;
        }
        long used = windows.sum(key, now);
        if (used >= limit) {
            long retryMillis = windows.millisUntilOldestExpires(key, now);
            throw new ApiException(429, "too_many_requests", message + " (" + used + " of " + limit + " tokens in "
                    + "the last minute).", null, Long.toString(Math.max(1, (retryMillis + 999) / 1000)));
        }
    }

    @Override
    public void close() {
        forgetter.interrupt();
        stream.close();
    }
}
