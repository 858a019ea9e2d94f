package io.inferencegateway.files;

import java.util.Locale;

/**
 * The most a stored file may hold.
 *
 * @param maxBytes size in bytes (OpenAI: 200 MB for batch input)
 * @param maxLines lines (OpenAI: 50,000 requests per batch)
 */
public record FileLimits(long maxBytes, int maxLines) {

    private static final long MIB = 1024L * 1024;

    /** OpenAI's limits for a batch input file. */
    public static final FileLimits BATCH_INPUT = new FileLimits(200L * 1024 * 1024, 50_000);

    /**
     * The longest line of a batch input, in bytes: a line becomes one record of the lines topic, which takes this
     * plus room for the record's other fields. The interactive routes take bodies up to 20 MB; a batch line that
     * could not travel as one record would fail later anyway.
     */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** Generated files (batch output and errors) are bounded by their inputs; no separate limit. */
    public static final FileLimits UNLIMITED = new FileLimits(Long.MAX_VALUE, Integer.MAX_VALUE);

    /** The byte limit as OpenAI's documentation writes its own, "200 MB"; exact bytes for an odd limit. */
    public String describeMaxBytes() {
        return maxBytes % MIB == 0 ? String.format(Locale.ROOT, "%,d MB", maxBytes / MIB)
                : String.format(Locale.ROOT, "%,d-byte", maxBytes);
    }
}
