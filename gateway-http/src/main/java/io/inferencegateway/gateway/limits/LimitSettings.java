package io.inferencegateway.gateway.limits;

/**
 * Limits that are not per model (those come from the fixtures' {@code tpm_model} and {@code tpm_user}).
 *
 * @param requestsPerSecondPerUser requests each user may make per second across all replicas; 0 disables
 */
public record LimitSettings(int requestsPerSecondPerUser) {

    public static final String VARIABLE = "GATEWAY_RATE_LIMIT_PER_SEC";

    public LimitSettings {
        if (requestsPerSecondPerUser < 0) {
            throw new IllegalArgumentException(VARIABLE + " must be 0 (off) or more, was " + requestsPerSecondPerUser);
        }
    }
}
