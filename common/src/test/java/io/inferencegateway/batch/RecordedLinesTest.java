package io.inferencegateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RecordedLinesTest {

    @Test
    void aRecordCountsEveryLineOfItsWriteWithTheirTokens() {
        RecordedLines lines = RecordedLines.none("batch_1").plusLine(true, 3, 4).plusLine(false, 2, 0);

        RecordedLines read = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(lines), RecordedLines.class);

        assertThat(read).isEqualTo(new RecordedLines("batch_1", 1, 1, 5, 4));
        assertThat(read.lines()).isEqualTo(2);
    }

    @Test
    void aRecordOfOneLineAsVersionsBeforeThisOneWroteItCountsThatLine() throws Exception {
        RecordedLines answered = Json.MAPPER.readValue("""
                {"batch_id":"batch_1","custom_id":"a","succeeded":true,"prompt_tokens":3,"completion_tokens":4}""",
                RecordedLines.class);
        RecordedLines failed = Json.MAPPER.readValue("""
                {"batch_id":"batch_1","custom_id":"b","succeeded":false,"prompt_tokens":0,"completion_tokens":0}""",
                RecordedLines.class);

        assertThat(answered).isEqualTo(new RecordedLines("batch_1", 1, 0, 3, 4));
        assertThat(failed).isEqualTo(new RecordedLines("batch_1", 0, 1, 0, 0));
    }
}
