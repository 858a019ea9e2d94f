package io.inferencegateway.gateway.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the first lines of an uploaded batch input as they stream into the store: each must be a JSON object
 * with a {@code custom_id}, as every batch request line is. A CSV, a PDF or a JSON array is then refused at upload,
 * naming the line, instead of at batch create; the store keeps nothing of a refused upload. Only the head is read
 * twice: at most {@link #LINES} lines within the first {@link #WINDOW} bytes. The rest of each line is checked when
 * a batch is created from the file.
 */
final class BatchLinesCheck extends CheckedStream {

    static final int LINES = 3;
    static final int WINDOW = 64 * 1024;

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private int newlines;
    private boolean checked;

    BatchLinesCheck(InputStream content) {
        super(content);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (checked) {
            return n;
        }
        if (n == -1) {
            check(true);
            return n;
        }
        int taken = Math.min(n, WINDOW - head.size());
        head.write(buffer, offset, taken);
        for (int i = offset; i < offset + taken; i++) {
            if (buffer[i] == '\n') {
                newlines++;
            }
        }
        if (newlines >= LINES || head.size() >= WINDOW) {
            check(false);
        }
        return n;
    }

    /** Checks the complete lines of the head (the last one too at the end of the file). */
    private void check(boolean atEnd) throws UploadRefused {
        checked = true;
        // A byte-order mark some editors write is not part of the first line.
        String[] lines = head.toString(StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").split("\n", -1);
        int complete = atEnd ? lines.length : lines.length - 1;
        if (complete == 0) {
            // One line longer than the window: it must at least start as an object.
            if (!lines[0].stripLeading().startsWith("{")) {
                throw refused(1);
            }
            return;
        }
        for (int i = 0; i < Math.min(complete, LINES); i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject() || !node.hasNonNull("custom_id")) {
                throw refused(i + 1);
            }
        }
    }

    private static UploadRefused refused(int line) {
        return new UploadRefused(new ApiException(400, "invalid_file_format", "Line " + line + " of the file is not "
                + "a batch request. A batch input file is JSON Lines, one request per line: {\"custom_id\": \"...\", "
                + "\"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {...}}.", "file", null));
    }
}
