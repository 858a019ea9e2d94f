package io.inferencegateway.gateway.limits;

/** This replica's view of everyone's recent usage: requests per user, tokens per model and per user on a model. */
final class UsageCounters {

    /** Requests in the last second, in ten 100 ms buckets. */
    private final WindowMap requests = new WindowMap(10, 100);
    /** Tokens in the last minute, in sixty 1 s buckets. */
    private final WindowMap modelTokens = new WindowMap(60, 1000);
    private final WindowMap userTokens = new WindowMap(60, 1000);

    void apply(UsageEvent event) {
        if (event.isRequest()) {
            requests.add(event.userId(), event.timeMillis(), event.amount());
        } else {
            modelTokens.add(event.endpoint(), event.timeMillis(), event.amount());
            userTokens.add(userOn(event.endpoint(), event.userId()), event.timeMillis(), event.amount());
        }
    }

    WindowMap requests() {
        return requests;
    }

    WindowMap modelTokens() {
        return modelTokens;
    }

    WindowMap userTokens() {
        return userTokens;
    }

    /** The key of one user's tokens on one endpoint in {@link #userTokens()}. */
    static String userOn(String endpoint, String userId) {
        return endpoint + '\n' + userId;
    }

    /** Forgets every window with nothing left in it. */
    void forgetEmpty(long nowMillis) {
        requests.forgetEmpty(nowMillis);
        modelTokens.forgetEmpty(nowMillis);
        userTokens.forgetEmpty(nowMillis);
    }
}
