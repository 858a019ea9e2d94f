package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a batch's model from the first line of its input file, the only thing intake reads of it: the model
 * decides where the batch runs. Every line, this one included, is validated later by a worker, as OpenAI does
 * while the batch is {@code validating}.
 */
final class InputModel {

    /** The first line is read into memory; OpenAI's own request bodies stay well below this. */
    static final int MAX_FIRST_LINE_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(InputModel.class);

    private InputModel() {
    }

    /** The {@code body.model} of the file's first line, or a 400 naming line 1 and what is wrong with it. */
    static String of(InputFiles files, String fileId) {
        byte[] line;
        try (InputStream content = files.open(fileId)) {
            line = firstLine(content);
        } catch (IOException e) {
            LOG.warn("Could not read input file {}", fileId, e);
            throw new ApiException(503, "file_unavailable", "The input file '" + fileId
                    + "' could not be read just now; try again.", "input_file_id", "5");
        }
        if (line.length == 0) {
            throw invalid("The input file is empty, or its first line is.");
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw invalid("Line 1 of the input file is not valid JSON.");
        }
        JsonNode model = request == null ? null : request.path("body").path("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw invalid("Line 1 of the input file has no 'body.model' string; every line must name its model.");
        }
        return model.textValue();
    }

    private static byte[] firstLine(InputStream content) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        boolean ended = false;
        while (!ended && (read = content.read(buffer)) >= 0) {
            int length = read;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    length = i;
                    ended = true;
                    break;
                }
            }
            if (line.size() + length > MAX_FIRST_LINE_BYTES) {
                throw invalid("Line 1 of the input file is longer than " + MAX_FIRST_LINE_BYTES + " bytes.");
            }
            line.write(buffer, 0, length);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            bytes = Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return new String(bytes, StandardCharsets.UTF_8).isBlank() ? new byte[0] : bytes;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_input_file", message, "input_file_id");
    }
}
