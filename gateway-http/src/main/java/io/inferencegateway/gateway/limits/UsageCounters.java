package io.inferencegateway.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;

/** This replica's view of everyone's recent usage: requests per user, tokens per model and per user on a model. */
final class UsageCounters {

    private final ConcurrentHashMap<String, SlidingWindow> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SlidingWindow> modelTokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SlidingWindow> userTokens = new ConcurrentHashMap<>();

    void apply(UsageEvent event) {
        if (event.isRequest()) {
            requests(event.userId()).add(event.timeMillis(), event.amount());
        } else {
            modelTokens(event.endpoint()).add(event.timeMillis(), event.amount());
            userTokens(event.endpoint(), event.userId()).add(event.timeMillis(), event.amount());
        }
    }

    /** Requests in the last second, in ten 100 ms buckets. */
    SlidingWindow requests(String userId) {
        return requests.computeIfAbsent(userId, key -> new SlidingWindow(10, 100));
    }

    /** Tokens in the last minute, in sixty 1 s buckets. */
    SlidingWindow modelTokens(String endpoint) {
        return modelTokens.computeIfAbsent(endpoint, key -> new SlidingWindow(60, 1000));
    }

    SlidingWindow userTokens(String endpoint, String userId) {
        return userTokens.computeIfAbsent(endpoint + '\n' + userId, key -> new SlidingWindow(60, 1000));
    }
}
