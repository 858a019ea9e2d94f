package io.inferencegateway.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes batch input files (OpenAI's JSONL, one chat completion request a line) to disk, line by line. */
final class BatchInputFiles {

    /** OpenAI's limit of requests in one batch. */
    static final int MAX_LINES = 50_000;

    private BatchInputFiles() {
    }

    /** {@code lines} short requests for {@code model}. */
    static Path withLines(Path file, String model, int lines) {
        return write(file, model, lines, "Say hello.");
    }

    /**
     * Requests with long prompts, as many as fit in {@code maxBytes}; lines are long enough that the file stays
     * under {@value #MAX_LINES} lines, so it remains a valid batch input.
     */
    static Path ofSize(Path file, String model, long maxBytes) {
        int lineBytes = (int) Math.max(4096, maxBytes / (MAX_LINES - 1000) + 1);
        int overhead = line(model, 0, "").length();
        String prompt = "lorem ipsum ".repeat(lineBytes / 12 + 1).substring(0, lineBytes - overhead - 16);
        int lines = (int) (maxBytes / (overhead + prompt.length() + 16 + 1));
        return write(file, model, lines, prompt);
    }

    static String line(String model, int index, String prompt) {
        return "{\"custom_id\":\"line-" + index + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}],\"max_tokens\":" + BenchModels.COMPLETION_TOKENS + "}}";
    }

    private static Path write(Path file, String model, int lines, String prompt) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write(line(model, i, prompt));
                out.write('\n');
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the batch input " + file, e);
        }
    }
}
