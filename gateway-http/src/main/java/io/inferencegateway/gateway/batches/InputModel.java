package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.files.BoundedLineReader;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.LineTooLongException;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.json.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a batch's model from the first line of its input file, the only thing intake reads of it: the model
 * decides where the batch runs. The line is read with the workers' cap on a line's length. Every line, this one
 * included, is validated later by a worker, as OpenAI does while the batch is {@code validating}.
 */
final class InputModel {

    private static final Logger LOG = LoggerFactory.getLogger(InputModel.class);

    private InputModel() {
    }

    /** The {@code body.model} of the file's first line, or a 400 naming line 1 and what is wrong with it. */
    static String of(InputFiles files, String fileId) {
        String line;
        try (BoundedLineReader reader = new BoundedLineReader(files.open(fileId), FileLimits.MAX_LINE_BYTES)) {
            line = reader.readLine();
        } catch (LineTooLongException e) {
            throw invalid(e.getMessage());
        } catch (IOException e) {
            LOG.warn("Could not read input file {}", fileId, e);
            throw new ApiException(503, "file_unavailable", "The input file '" + fileId
                    + "' could not be read just now; try again.", "input_file_id", "5");
        }
        if (line == null || line.isBlank()) {
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

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_input_file", message, "input_file_id");
    }
}
