package io.inferencegateway.worker.finish;

import com.fasterxml.jackson.core.JsonGenerator;
import io.inferencegateway.json.Json;
import io.inferencegateway.worker.store.FinishRows;
import io.inferencegateway.worker.store.LineRows;
import io.inferencegateway.worker.store.LineRows.FinishedLine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a batch's output and error JSONL (OpenAI's line format) into two local files, streaming the lines from
 * the database in input order, so memory stays bounded whatever the batch size.
 * <pre>
 * output: {"id": "batch_req_...", "custom_id": ..., "response": {"status_code", "request_id", "body"}, "error": null}
 * errors: {"id": ..., "custom_id": ..., "response": null or {...}, "error": {"code", "message"}}
 * </pre>
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Where the two files are and how many lines each holds. */
    record Written(Path output, int outputLines, Path errors, int errorLines) {
        void delete() throws IOException {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    static Written write(FinishRows lines, String batchId, Path directory) throws IOException {
        Path output = Files.createTempFile(directory, batchId + "-", ".output.jsonl");
        Path errors = Files.createTempFile(directory, batchId + "-", ".errors.jsonl");
        int[] counts = new int[2];
        try (OutputStream outStream = new BufferedOutputStream(Files.newOutputStream(output), 64 * 1024);
             OutputStream errStream = new BufferedOutputStream(Files.newOutputStream(errors), 64 * 1024);
             JsonGenerator out = Json.MAPPER.getFactory().createGenerator(outStream);
             JsonGenerator err = Json.MAPPER.getFactory().createGenerator(errStream)) {
            // One object per line: no separator between root values but our newline.
            out.setRootValueSeparator(null);
            err.setRootValueSeparator(null);
            lines.forEachInOrder(batchId, line -> {
                if (LineRows.COMPLETED.equals(line.status())) {
                    writeLine(out, batchId, line, false);
                    counts[0]++;
                } else if (LineRows.FAILED.equals(line.status())) {
                    writeLine(err, batchId, line, true);
                    counts[1]++;
                }
            });
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
            throw e;
        }
        return new Written(output, counts[0], errors, counts[1]);
    }

    private static void writeLine(JsonGenerator g, String batchId, FinishedLine line, boolean error)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", requestLineId(batchId, line.customId()));
        g.writeStringField("custom_id", line.customId());
        g.writeFieldName("response");
        if (line.responseStatus() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberField("status_code", line.responseStatus());
            g.writeStringField("request_id", line.requestId());
            g.writeFieldName("body");
            if (line.responseBody() == null) {
                g.writeNull();
            } else {
                // Stored as valid JSON by the line executor.
                g.writeRawValue(line.responseBody());
            }
            g.writeEndObject();
        }
        g.writeFieldName("error");
        if (error) {
            g.writeStartObject();
            g.writeStringField("code", line.errorCode());
            g.writeStringField("message", line.errorMessage());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** A stable id per line, so re-finalizing a batch writes the same file. */
    static String requestLineId(String batchId, String customId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((batchId + '\n' + customId).getBytes(StandardCharsets.UTF_8));
            return "batch_req_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
