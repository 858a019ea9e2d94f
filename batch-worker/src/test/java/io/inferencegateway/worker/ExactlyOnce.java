package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.Batch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The check every crash test ends with: each custom id of the input appears exactly once in the batch's files. */
final class ExactlyOnce {

    private ExactlyOnce() {
    }

    static void assertEveryLineOnce(WorkerStack stack, Batch batch, int lines) {
        Set<String> seen = new HashSet<>();
        List<JsonNode> output = batch.outputFileId() == null ? List.of() : stack.fileLines(batch.outputFileId());
        List<JsonNode> errors = batch.errorFileId() == null ? List.of() : stack.fileLines(batch.errorFileId());
        for (JsonNode line : output) {
            assertThat(seen.add(line.path("custom_id").asText())).as("twice: %s", line.path("custom_id")).isTrue();
        }
        for (JsonNode line : errors) {
            assertThat(seen.add(line.path("custom_id").asText())).as("twice: %s", line.path("custom_id")).isTrue();
        }
        for (int i = 1; i <= lines; i++) {
            assertThat(seen).contains("req-" + i);
        }
        assertThat(seen).hasSize(lines);
        assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(lines, output.size(), errors.size()));
    }
}
