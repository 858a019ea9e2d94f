package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lines as BufferedReader splits JSONL, but a line past the cap is refused as soon as it passes it. */
@Timeout(30)
class BoundedLineReaderTest {

    private static List<String> lines(String content, int max) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BoundedLineReader reader = new BoundedLineReader(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), max)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(reader.lineNumber() + ":" + line);
            }
        }
        return lines;
    }

    @Test
    void splitsOnNewlinesDroppingCarriageReturnsAndTheByteOrderMark() throws IOException {
        assertThat(lines("", 10)).isEmpty();
        assertThat(lines("a", 10)).containsExactly("1:a");
        assertThat(lines("a\n", 10)).containsExactly("1:a");
        assertThat(lines("a\r\n\nb", 10)).containsExactly("1:a", "2:", "3:b");
        assertThat(lines("\uFEFFa\n\uFEFFb\n", 10)).containsExactly("1:a", "2:\uFEFFb");
        assertThat(lines("é\n", 10)).containsExactly("1:é");
    }

    @Test
    void aLineOfExactlyTheCapPassesAndOneByteMoreIsRefusedNamingItsLine() throws IOException {
        assertThat(lines("12345\nabcde", 5)).containsExactly("1:12345", "2:abcde");

        assertThatThrownBy(() -> lines("12345\nabcdef\nx", 5)).isInstanceOf(LineTooLongException.class)
                .hasMessageContaining("Line 2 is longer than 5 bytes")
                .satisfies(e -> assertThat(((LineTooLongException) e).lineNumber()).isEqualTo(2));
    }

    @Test
    void stopsReadingAsSoonAsTheLinePassesTheCap() {
        // An endless line without a newline: only the cap and one buffer beyond it are ever read.
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served.addAndGet(len);
                return len;
            }
        };
        BoundedLineReader reader = new BoundedLineReader(endless, 1024 * 1024);

        assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class);
        assertThat(served.get()).isLessThanOrEqualTo(1024 * 1024 + 64 * 1024);
    }
}
