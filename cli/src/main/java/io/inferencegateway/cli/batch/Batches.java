package io.inferencegateway.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.client.GatewayException;
import io.inferencegateway.cli.progress.BatchSnapshot;
import java.util.Set;

/**
 * A batch by id, whichever API family it was created through: OpenAI's route is asked first, FIRST's when OpenAI's
 * does not know the id. Reads the answers into {@link BatchSnapshot}s.
 */
final class Batches {

    static final Set<String> OPENAI_TERMINAL = Set.of("completed", "failed", "expired", "cancelled");
    static final Set<String> FIRST_TERMINAL = Set.of("completed", "failed");
    static final String FIRST_BATCHES = "/resource_server/v1/batches";

    private final GatewayClient client;

    Batches(GatewayClient client) {
        this.client = client;
    }

    /** A batch as found: its family, the gateway's JSON for it, and what it says. */
    record Found(BatchStyle style, String json, BatchSnapshot snapshot) {
    }

    Found find(String id) {
        try {
            return openAi(id);
        } catch (GatewayException e) {
            if (e.status() != 404) {
                throw e;
            }
            try {
                return first(id);
            } catch (GatewayException notFirst) {
                if (notFirst.status() == 404 || notFirst.status() == 400) {
                    throw new GatewayException(ExitCodes.GATEWAY_ERROR, 404, "batch_not_found", "no batch "
                            + id + " of yours, neither through /v1/batches nor FIRST's /resource_server/v1/batches");
                }
                throw notFirst;
            }
        }
    }

    Found find(BatchStyle style, String id) {
        return style == BatchStyle.OPENAI ? openAi(id) : first(id);
    }

    private Found openAi(String id) {
        String json = client.get("/v1/batches/" + GatewayClient.encode(id));
        return new Found(BatchStyle.OPENAI, json, openAiSnapshot(GatewayClient.parse(json)));
    }

    /**
     * FIRST's status route answers the status word alone; the list's entry has the rest (the waiting reason). The
     * JSON kept is the list's entry, or the status route's answer for a batch the list (newest first) no longer holds.
     */
    private Found first(String id) {
        String status = client.get(FIRST_BATCHES + "/" + GatewayClient.encode(id));
        for (JsonNode summary : GatewayClient.parse(client.get(FIRST_BATCHES))) {
            if (id.equals(summary.path("batch_id").asText())) {
                return new Found(BatchStyle.FIRST, summary.toString(), firstSnapshot(summary));
            }
        }
        String word = GatewayClient.parse(status).asText();
        return new Found(BatchStyle.FIRST, status, new BatchSnapshot(id, word, FIRST_TERMINAL.contains(word), -1, 0,
                0, null));
    }

    static BatchSnapshot openAiSnapshot(JsonNode batch) {
        String status = batch.path("status").asText();
        JsonNode counts = batch.path("request_counts");
        JsonNode waiting = batch.path("waiting").path("reason");
        return new BatchSnapshot(batch.path("id").asText(), status, OPENAI_TERMINAL.contains(status),
                counts.path("total").asLong(-1), counts.path("completed").asLong(), counts.path("failed").asLong(),
                waiting.isTextual() ? waiting.asText() : null);
    }

    static BatchSnapshot firstSnapshot(JsonNode summary) {
        String status = summary.path("status").asText();
        JsonNode waiting = summary.path("waiting_reason");
        return new BatchSnapshot(summary.path("batch_id").asText(), status, FIRST_TERMINAL.contains(status), -1, 0, 0,
                waiting.isTextual() ? waiting.asText() : null);
    }

    /** The exit code for a batch in this status: 0 completed, a distinct code for each other end. */
    static int exitCode(BatchSnapshot batch) {
        return switch (batch.status()) {
            case "completed" -> ExitCodes.OK;
            case "expired" -> ExitCodes.BATCH_EXPIRED;
            case "cancelled" -> ExitCodes.BATCH_CANCELLED;
            case "failed" -> ExitCodes.BATCH_FAILED;
            default -> ExitCodes.OK;
        };
    }
}
