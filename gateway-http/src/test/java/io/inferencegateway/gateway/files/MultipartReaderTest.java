package io.inferencegateway.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming form parser on its own: boundaries wherever reads split them, and forms that are not forms. */
class MultipartReaderTest {

    private static final String BOUNDARY = "----b0undary";

    @ParameterizedTest(name = "reads of at most {0} bytes")
    @ValueSource(ints = {1, 2, 7, 70, 8192, 1 << 20})
    void partsAndBodiesSurviveAnySplitOfTheStream(int readSize) throws IOException {
        String body = "preamble to ignore\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                + "batch\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n"
                + "{\"a\":1}\r\n\r\n--" + BOUNDARY.substring(0, 5) + "\r\n-\r\n"
                + "--" + BOUNDARY + "--\r\nepilogue";

        List<String[]> parts = readAll(new Trickle(bytes(body), readSize));

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).containsExactly("purpose", null, null, "batch");
        assertThat(parts.get(1)).containsExactly("file", "in.jsonl", "application/jsonl",
                "{\"a\":1}\r\n\r\n--" + BOUNDARY.substring(0, 5) + "\r\n-");
    }

    @Test
    void randomContentFullOfAlmostBoundariesComesBackExactly() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            String[] pieces = {"\r", "\n", "\r\n", "-", "--", "\r\n--", "\r\n--" + BOUNDARY.substring(0, 6), "x", "ü"};
            for (int i = 0; i < 5_000; i++) {
                content.writeBytes(bytes(pieces[random.nextInt(pieces.length)]));
            }
            byte[] expected = content.toByteArray();
            ByteArrayOutputStream form = new ByteArrayOutputStream();
            form.writeBytes(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"r\"\r\n\r\n"));
            form.writeBytes(expected);
            form.writeBytes(bytes("\r\n--" + BOUNDARY + "--\r\n"));

            MultipartReader reader = new MultipartReader(new Trickle(form.toByteArray(), 1 + random.nextInt(300)),
                    BOUNDARY);
            FormPart part = reader.next();

            assertThat(part.body().readAllBytes()).isEqualTo(expected);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void anUnreadBodyIsSkippedAndAnOldBodyReadsNothing() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(form("a", "first", "b", "second"))),
                BOUNDARY);
        FormPart first = reader.next();
        FormPart second = reader.next();

        assertThat(second.name()).isEqualTo("b");
        assertThat(first.body().read()).isEqualTo(-1);
        assertThat(second.text(100)).isEqualTo("second");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void fileNamesMayBeEscapedOrEncoded() throws IOException {
        String body = "--" + BOUNDARY + "\r\n"
                + "content-disposition: form-data; name=file; filename=\"a \\\"quoted\\\" name.jsonl\"\r\n\r\nx\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"fallback\"; "
                + "filename*=UTF-8''na%C3%AFve.jsonl\r\n\r\ny\r\n"
                + "--" + BOUNDARY + "--";

        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(body)), BOUNDARY);

        assertThat(reader.next().filename()).isEqualTo("a \"quoted\" name.jsonl");
        assertThat(reader.next().filename()).isEqualTo("naïve.jsonl");
    }

    @Test
    void aFormThatStopsBeforeItsClosingBoundaryIsMalformed() {
        String truncated = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nsome content";

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(truncated))))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("ended before its closing");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes("no boundary at all"))))
                .isInstanceOf(MalformedMultipartException.class);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(""))))
                .isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void partsNeedAFormDataDispositionWithAName() {
        String noName = "--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + BOUNDARY + "--";
        String noDisposition = "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + BOUNDARY + "--";
        String attachment = "--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--"
                + BOUNDARY + "--";

        for (String body : List.of(noName, noDisposition, attachment)) {
            assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(body))))
                    .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("Content-Disposition");
        }
    }

    @Test
    void headersAndPartCountAreBounded() {
        String longHeader = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: "
                + "p".repeat(9000) + "\r\n\r\nx\r\n--" + BOUNDARY + "--";
        StringBuilder manyHeaders = new StringBuilder("--" + BOUNDARY + "\r\n");
        for (int i = 0; i < 1000; i++) {
            manyHeaders.append("X-H").append(i).append(": v\r\n");
        }
        String[] fields = new String[2 * (MultipartReader.MAX_PARTS + 1)];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = "f" + i;
        }
        String manyParts = form(fields);

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(longHeader))))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("headers are longer");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(manyHeaders.toString()))))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("headers are longer");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(manyParts))))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("more than 16 parts");
    }

    @Test
    void aFieldLongerThanAllowedIsRefused() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(form("purpose", "b".repeat(2000)))),
                BOUNDARY);

        assertThatThrownBy(() -> reader.next().text(1024)).isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("'purpose' is longer than 1024 bytes");
    }

    @Test
    void theBoundaryComesFromAMultipartFormDataContentType() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartReader.boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b:c\""))
                .isEqualTo("a b:c");
        assertThat(MultipartReader.boundary("multipart/form-data")).isNull();
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=")).isNull();
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=" + "x".repeat(71))).isNull();
        assertThat(MultipartReader.boundary("multipart/mixed; boundary=abc")).isNull();
        assertThat(MultipartReader.boundary("application/json")).isNull();
        assertThat(MultipartReader.boundary(null)).isNull();
    }

    /** Name, file name, content type and body text of every part. */
    private static List<String[]> readAll(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, BOUNDARY);
        List<String[]> parts = new ArrayList<>();
        FormPart part;
        while ((part = reader.next()) != null) {
            parts.add(new String[] {part.name(), part.filename(), part.contentType(),
                    new String(part.body().readAllBytes(), StandardCharsets.UTF_8)});
        }
        return parts;
    }

    /** A form of plain fields: name, value, name, value... */
    private static String form(String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(namesAndValues[i]).append("\"\r\n\r\n").append(namesAndValues[i + 1]).append("\r\n");
        }
        return body.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out at most {@code readSize} bytes per read, as a slow network does. */
    private static final class Trickle extends ByteArrayInputStream {

        private final int readSize;

        Trickle(byte[] bytes, int readSize) {
            super(bytes);
            this.readSize = readSize;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, readSize));
        }
    }
}
