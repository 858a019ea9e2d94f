package io.inferencegateway.worker.lines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.worker.store.LineRecord;
import org.junit.jupiter.api.Test;

/** What an answer of the backend becomes in the output file: its body as JSON, and its token usage. */
class LineResultsTest {

    private static final LineTask TASK = new LineTask("batch_1", "line-1", 1, "sim", "api", "m",
            "/v1/chat/completions", Json.object());

    private static LineRecord answered(String body) {
        return LineResults.success(TASK, SubmitTaskResponse.ok(body, "task-1"), 1);
    }

    @Test
    void theUsageOfAnAnswerIsItsPromptAndCompletionTokens() {
        LineRecord line = answered("{\"id\":\"c\",\"choices\":[{\"message\":{\"usage\":{\"prompt_tokens\":99}}}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17},\"x\":{\"usage\":1}}");
        assertThat(line.promptTokens()).isEqualTo(12);
        assertThat(line.completionTokens()).isEqualTo(5);
        assertThat(line.responseBody()).startsWith("{\"id\":\"c\"");
    }

    @Test
    void completionTokensComeFromTheTotalWhenTheBackendGivesOnlyThatAndNoneWhenThereIsNoUsage() {
        LineRecord totalOnly = answered("{\"usage\":{\"prompt_tokens\":12,\"total_tokens\":17}}");
        assertThat(totalOnly.promptTokens()).isEqualTo(12);
        assertThat(totalOnly.completionTokens()).isEqualTo(5);

        LineRecord none = answered("{\"object\":\"embedding\",\"usage\":null}");
        assertThat(none.promptTokens()).isNull();
        assertThat(none.completionTokens()).isNull();
        LineRecord notNumbers = answered("{\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":[5]}}");
        assertThat(notNumbers.promptTokens()).isNull();
        assertThat(notNumbers.completionTokens()).isNull();
    }

    @Test
    void anAnswerThatIsNotJsonIsKeptAsAJsonStringSoTheOutputLineStaysValid() {
        for (String body : new String[] {"upstream says hi", "{\"truncated\": ", "", "  ", "{} {"}) {
            LineRecord line = answered(body);
            JsonNode stored = Json.read(line.responseBody());
            assertThat(stored.isTextual()).as("body %s stored as %s", body, line.responseBody()).isTrue();
            assertThat(stored.asText()).isEqualTo(body);
            assertThat(line.promptTokens()).isNull();
        }
        assertThat(answered("[1, 2]").responseBody()).isEqualTo("[1, 2]");
        assertThat(answered("null").responseBody()).isEqualTo("null");
    }
}
