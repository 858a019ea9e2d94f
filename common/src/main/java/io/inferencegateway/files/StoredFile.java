package io.inferencegateway.files;

import java.time.Instant;

/**
 * An uploaded or generated file, as OpenAI's Files API describes it.
 *
 * @param id        {@code file-...}
 * @param userId    the owner; nobody else sees the file
 * @param purpose   {@code batch} for batch inputs, {@code batch_output} for outputs and error files
 * @param filename  the name the client gave (or the gateway chose)
 * @param bytes     size in bytes
 * @param lineCount lines in the file (JSONL files count their records)
 * @param createdAt when it was stored
 * @param expiresAt when it will be deleted, or null
 */
public record StoredFile(String id, String userId, String purpose, String filename, long bytes, int lineCount,
                         Instant createdAt, Instant expiresAt) {
}
