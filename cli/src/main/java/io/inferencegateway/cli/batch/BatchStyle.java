package io.inferencegateway.cli.batch;

/** The API family a batch was created through; each family sees only its own batches. */
enum BatchStyle {
    /** {@code /v1/batches}: statuses validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled. */
    OPENAI,
    /** {@code /resource_server/v1/batches}: FIRST's pending, running, completed, failed. */
    FIRST
}
