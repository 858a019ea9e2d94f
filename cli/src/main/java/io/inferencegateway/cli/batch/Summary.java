package io.inferencegateway.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.progress.BatchSnapshot;
import java.io.PrintStream;
import java.util.Locale;

/** The line printed when a batch has ended: how, with how many lines, and where its results are. */
final class Summary {

    private Summary() {
    }

    static void print(Batches.Found found, PrintStream err) {
        BatchSnapshot batch = found.snapshot();
        StringBuilder line = new StringBuilder("Batch ").append(batch.id()).append(' ').append(batch.status());
        if (batch.countsKnown()) {
            line.append(String.format(Locale.ROOT, ": %,d of %,d lines answered, %,d failed", batch.completed(),
                    batch.total(), batch.failed()));
        }
        String reason = reason(found);
        if (reason != null) {
            line.append(": ").append(reason);
        }
        if (batch.status().equals("completed") || batch.completed() > 0) {
            line.append(". Results: igw batch download ").append(batch.id());
        }
        err.println(line);
        err.flush();
    }

    /** The first of the batch's errors, when the gateway gave one (OpenAI's errors.data). */
    private static String reason(Batches.Found found) {
        if (found.style() != BatchStyle.OPENAI) {
            return null;
        }
        JsonNode errors = GatewayClient.parse(found.json()).path("errors").path("data");
        if (!errors.isArray() || errors.isEmpty()) {
            return null;
        }
        JsonNode first = errors.get(0);
        String where = first.path("line").isNumber() ? " (line " + first.path("line").asLong() + ")" : "";
        return first.path("message").asText() + where;
    }
}
