package io.inferencegateway.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch submit --model}: which lines get the model, and that the user's file is sent as it is otherwise. */
class BatchInputTest {

    @TempDir
    Path dir;

    private static final String WITHOUT = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/completions\","
            + "\"body\":{\"prompt\":\"hi\"}}";
    private static final String WITH_M = "{\"custom_id\":\"b\",\"body\":{\"model\":\"m\",\"prompt\":\"hi\"}}";
    private static final String WITH_OTHER = "{\"custom_id\":\"c\",\"body\":{\"model\":\"other\",\"prompt\":\"hi\"}}";

    @Test
    void linesWithoutAModelGetItAndTheOthersAreKeptByteForByte() throws Exception {
        Path file = Files.writeString(dir.resolve("in.jsonl"), WITHOUT + "\n\n" + WITH_M + "\n");
        BatchInput input = BatchInput.prepare(file, "m", false);
        try {
            assertThat(input.temporary()).isTrue();
            assertThat(input.lines()).isEqualTo(2);
            assertThat(input.rewritten()).isEqualTo(1);
            assertThat(input.endpoint()).isEqualTo("/v1/completions");
            List<String> sent = Files.readAllLines(input.file());
            assertThat(sent).containsExactly("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/completions\","
                    + "\"body\":{\"prompt\":\"hi\",\"model\":\"m\"}}", WITH_M);
        } finally {
            input.cleanUp();
        }
        assertThat(input.file()).doesNotExist();
        assertThat(file).as("the user's file is untouched").hasContent(WITHOUT + "\n\n" + WITH_M + "\n");
    }

    @Test
    void aFileThatNeedsNothingIsUploadedItself() throws Exception {
        Path file = Files.writeString(dir.resolve("in.jsonl"), WITH_M + "\n" + WITH_M.replace("\"b\"", "\"b2\""));
        BatchInput input = BatchInput.prepare(file, "m", false);
        assertThat(input.file()).isEqualTo(file);
        assertThat(input.temporary()).isFalse();
        assertThat(BatchInput.prepare(file, null, false).file()).as("no --model").isEqualTo(file);
    }

    @Test
    void anotherModelIsAUsageErrorNamingTheLineUnlessOverridden() throws Exception {
        Path file = Files.writeString(dir.resolve("in.jsonl"), WITH_M + "\n" + WITH_OTHER + "\n");
        assertThatThrownBy(() -> BatchInput.prepare(file, "m", false)).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.getMessage()).startsWith("line 2 names model 'other', not 'm'");
                });
        BatchInput input = BatchInput.prepare(file, "m", true);
        try {
            assertThat(Files.readAllLines(input.file())).containsExactly(WITH_M,
                    "{\"custom_id\":\"c\",\"body\":{\"model\":\"m\",\"prompt\":\"hi\"}}");
        } finally {
            input.cleanUp();
        }
    }

    @Test
    void aLineThatIsNoBatchRequestIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("in.jsonl"), WITH_M + "\nnot json\n");
        assertThatThrownBy(() -> BatchInput.prepare(file, "m", false)).hasMessageEndingWith("line 2 is not JSON");
        Path noBody = Files.writeString(dir.resolve("nobody.jsonl"), "{\"custom_id\":\"x\"}\n");
        assertThatThrownBy(() -> BatchInput.prepare(noBody, null, false)).hasMessageContaining("line 1 is not a batch "
                + "request");
        assertThatThrownBy(() -> BatchInput.prepare(dir.resolve("missing.jsonl"), null, false))
                .hasMessageStartingWith("no readable file");
    }
}
