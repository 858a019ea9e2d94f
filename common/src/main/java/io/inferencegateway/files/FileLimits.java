package io.inferencegateway.files;

/**
 * The most a stored file may hold.
 *
 * @param maxBytes size in bytes (OpenAI: 200 MB for batch input)
 * @param maxLines lines (OpenAI: 50,000 requests per batch)
 */
public record FileLimits(long maxBytes, int maxLines) {

    /** OpenAI's limits for a batch input file. */
    public static final FileLimits BATCH_INPUT = new FileLimits(200L * 1024 * 1024, 50_000);

    /** Generated files (batch output and errors) are bounded by their inputs; no separate limit. */
    public static final FileLimits UNLIMITED = new FileLimits(Long.MAX_VALUE, Integer.MAX_VALUE);
}
