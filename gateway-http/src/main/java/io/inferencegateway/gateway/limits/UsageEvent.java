package io.inferencegateway.gateway.limits;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of the usage topic: a request admitted, or tokens used, by one user, on one replica.
 *
 * @param replica    the replica that served it (replicas skip their own records: they counted them already)
 * @param userId     the user
 * @param endpoint   endpoint slug for token records, null for request records
 * @param tokens     tokens used, 0 for request records
 * @param timeMillis when it happened
 */
record UsageEvent(@JsonProperty("replica") String replica, @JsonProperty("user") String userId,
                  @JsonProperty("endpoint") String endpoint, @JsonProperty("tokens") long tokens,
                  @JsonProperty("time") long timeMillis) {

    boolean isRequest() {
        return endpoint == null;
    }
}
