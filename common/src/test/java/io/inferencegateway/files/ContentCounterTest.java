package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Byte and line counting as content streams past in pieces, and the wording of the limits. */
class ContentCounterTest {

    @ParameterizedTest(name = "\"{0}\" has {1} lines")
    @CsvSource(delimiter = '|', value = {
            "''|0", "a|1", "a\\n|1", "a\\nb|2", "\\n|1", "\\n\\n|2", "a\\r\\nb\\r\\n|2", "a\\n\\nb|3", "\\r|1"})
    void countsLinesWhetherOrNotTheLastEndsInANewline(String escaped, long lines) throws Exception {
        byte[] content = escaped.replace("\\n", "\n").replace("\\r", "\r").getBytes(StandardCharsets.UTF_8);

        assertThat(countedWhole(content).lines()).isEqualTo(lines);
        assertThat(countedBytewise(content).lines()).as("fed one byte at a time").isEqualTo(lines);
    }

    @Test
    void aNewlineThatEndsOnePieceClosesTheLineBeforeTheNextPiece() throws Exception {
        ContentCounter counter = new ContentCounter(FileLimits.UNLIMITED);
        counter.count(bytes("one\n"), 0, 4);
        counter.count(bytes("two"), 0, 3);
        counter.count(new byte[0], 0, 0);

        assertThat(counter.lines()).isEqualTo(2);
        assertThat(counter.bytes()).isEqualTo(7);
    }

    @Test
    void exactlyTheLimitsPass() throws Exception {
        ContentCounter counter = new ContentCounter(new FileLimits(6, 3));
        counter.count(bytes("a\nb\nc\n"), 0, 6);

        assertThat(counter.lines()).isEqualTo(3);
    }

    @Test
    void oneByteOverTheLimitIsRefusedNamingIt() {
        ContentCounter counter = new ContentCounter(new FileLimits(5, 100));

        assertThatThrownBy(() -> counter.count(bytes("abcdef"), 0, 6))
                .isInstanceOfSatisfying(FileTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(FileTooLargeException.Limit.BYTES))
                .hasMessage("The file exceeds the 5-byte limit.");
    }

    @Test
    void theStartOfALineBeyondTheLimitIsRefused() throws Exception {
        ContentCounter counter = new ContentCounter(new FileLimits(1000, 2));
        counter.count(bytes("a\nb\n"), 0, 4);

        assertThatThrownBy(() -> counter.count(bytes("c"), 0, 1))
                .isInstanceOfSatisfying(FileTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(FileTooLargeException.Limit.LINES))
                .hasMessage("The file has more than 2 lines.");
    }

    @Test
    void openAisLimitsReadAsItsDocumentationWritesThem() {
        assertThat(FileLimits.BATCH_INPUT.describeMaxBytes()).isEqualTo("200 MB");
        byte[] tooManyLines = bytes("\n".repeat(FileLimits.BATCH_INPUT.maxLines() + 1));

        assertThatThrownBy(() -> new ContentCounter(FileLimits.BATCH_INPUT).count(tooManyLines, 0, tooManyLines.length))
                .hasMessage("The file has more than 50,000 lines.");
    }

    private static ContentCounter countedWhole(byte[] content) throws Exception {
        ContentCounter counter = new ContentCounter(FileLimits.UNLIMITED);
        counter.count(content, 0, content.length);
        return counter;
    }

    private static ContentCounter countedBytewise(byte[] content) throws Exception {
        ContentCounter counter = new ContentCounter(FileLimits.UNLIMITED);
        for (int i = 0; i < content.length; i++) {
            counter.count(content, i, 1);
        }
        return counter;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
