package io.inferencegateway.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.spi.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static final String OPENAI_STREAM = """
            data: {"id":"1","choices":[{"delta":{"content":"Hel"}}]}

            data: {"id":"1","choices":[{"delta":{"content":"lo"}}]}

            data: [DONE]

            """;

    @Test
    void readsOpenAiChunksAndDone() throws IOException {
        List<SseEvent> events = readAll(new SseReader(stream(OPENAI_STREAM)));

        assertThat(events).containsExactly(
                SseEvent.data("{\"id\":\"1\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}"),
                SseEvent.data("{\"id\":\"1\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}"),
                SseEvent.data("[DONE]"));
        assertThat(events.get(2).isDone()).isTrue();
    }

    @Test
    void everySplitOfTheBytesGivesTheSameEvents() throws IOException {
        byte[] bytes = ("\uFEFF: keep-alive\r\nevent: delta\r\ndata: héllo 🌍\r\ndata:second\r\n\r\n"
                + "data:  two spaces\r\r" + "id: 7\nretry: 10\ndata\n\n").getBytes(StandardCharsets.UTF_8);
        List<SseEvent> expected = List.of(new SseEvent("delta", "héllo 🌍\nsecond"), SseEvent.data(" two spaces"),
                SseEvent.data(""));

        for (int cut = 1; cut < bytes.length; cut++) {
            InputStream in = new ChunkedStream(List.of(Arrays.copyOfRange(bytes, 0, cut),
                    Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertThat(readAll(new SseReader(in))).as("split at byte %d", cut).isEqualTo(expected);
        }
        assertThat(readAll(new SseReader(new ChunkedStream(oneBytePerRead(bytes))))).isEqualTo(expected);
    }

    @Test
    void returnsAnEventWithoutReadingPastItsBlankLine() throws IOException {
        // The stream fails any read after the first event's bytes: the parser must not ask for more first.
        ChunkedStream in = new ChunkedStream(List.of("data: first\r".getBytes(StandardCharsets.UTF_8),
                "\r".getBytes(StandardCharsets.UTF_8)));
        in.failWhenDrained();
        SseReader reader = new SseReader(in);

        assertThat(reader.next()).isEqualTo(SseEvent.data("first"));
    }

    @Test
    void ignoresCommentsAndEventsWithoutData() throws IOException {
        String text = ": ping\n\nevent: ignored\n\nid: 3\n\ndata: real\n\n";

        assertThat(readAll(new SseReader(stream(text)))).containsExactly(SseEvent.data("real"));
    }

    @Test
    void eventTypeDoesNotLeakIntoTheNextEvent() throws IOException {
        String text = "event: error\ndata: a\n\ndata: b\n\n";

        assertThat(readAll(new SseReader(stream(text))))
                .containsExactly(new SseEvent("error", "a"), SseEvent.data("b"));
    }

    @Test
    void dropsAnUnterminatedEventAtEndOfStream() throws IOException {
        assertThat(readAll(new SseReader(stream("data: done\n\ndata: partial\n")))).containsExactly(
                SseEvent.data("done"));
    }

    @Test
    void endOfStreamIsSticky() throws IOException {
        SseReader reader = new SseReader(stream(""));

        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void rejectsALineLongerThanTheLimit() {
        SseReader reader = new SseReader(stream("data: " + "x".repeat(100) + "\n\n"), 64);

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("64 bytes");
    }

    @Test
    void passesOnReadFailures() {
        ChunkedStream in = new ChunkedStream(List.of("data: a\n".getBytes(StandardCharsets.UTF_8)));
        in.failWhenDrained();

        assertThatThrownBy(() -> new SseReader(in).next()).isInstanceOf(IOException.class)
                .hasMessage("read past the end of the script");
    }

    private static List<SseEvent> readAll(SseReader reader) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<byte[]> oneBytePerRead(byte[] bytes) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : bytes) {
            chunks.add(new byte[] {b});
        }
        return chunks;
    }

    /** Returns exactly one scripted chunk per read, as a socket delivering packets would. */
    private static final class ChunkedStream extends InputStream {

        private final Deque<byte[]> chunks;
        private boolean failWhenDrained;

        ChunkedStream(List<byte[]> chunks) {
            this.chunks = new ArrayDeque<>(chunks);
        }

        void failWhenDrained() {
            failWhenDrained = true;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the parser should read in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (chunks.isEmpty()) {
                if (failWhenDrained) {
                    throw new IOException("read past the end of the script");
                }
                return -1;
            }
            byte[] chunk = chunks.poll();
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            if (n < chunk.length) {
                chunks.addFirst(Arrays.copyOfRange(chunk, n, chunk.length));
            }
            return n;
        }
    }
}
