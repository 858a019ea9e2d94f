package io.inferencegateway.gateway.limits;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of the usage topic: requests admitted, or tokens used, by one user on one replica since the previous
 * record (replicas sum their usage over a short interval and publish the sums, not one record per request).
 *
 * @param replica    the replica that served it (replicas skip their own records: they counted them already)
 * @param userId     the user
 * @param endpoint   endpoint slug for token records, null for request records
 * @param amount     tokens used, or requests admitted for request records
 * @param timeMillis when it happened
 */
record UsageEvent(@JsonProperty("replica") String replica, @JsonProperty("user") String userId,
                  @JsonProperty("endpoint") String endpoint, @JsonProperty("amount") long amount,
                  @JsonProperty("time") long timeMillis) {

    boolean isRequest() {
        return endpoint == null;
    }
}
