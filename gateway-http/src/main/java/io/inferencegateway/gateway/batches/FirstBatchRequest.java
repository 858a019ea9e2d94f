package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.CompletionWindow;
import java.util.Set;

/**
 * FIRST's {@code BatchSubmit} body ({@code extra=forbid}): {@code input_file} and {@code model} non-empty strings,
 * {@code output_folder_path} a string or null. FIRST answered a bad body with 422; this gateway's validation
 * answers 400 on every route. This gateway adds an optional {@code completion_window}, as OpenAI's route takes it
 * (FIRST's batches had no deadline; here they get {@code 24h} when they name none).
 */
record FirstBatchRequest(String inputFile, String model, String outputFolderPath, CompletionWindow completionWindow) {

    private static final Set<String> FIELDS = Set.of("input_file", "model", "output_folder_path",
            "completion_window");

    static FirstBatchRequest parse(ObjectNode body) {
        BodyFields.onlyKnown(body, FIELDS);
        String window = BodyFields.optionalString(body, "completion_window");
        return new FirstBatchRequest(BodyFields.requiredString(body, "input_file"),
                BodyFields.requiredString(body, "model"), BodyFields.optionalString(body, "output_folder_path"),
                window == null ? CompletionWindow.DEFAULT : BodyFields.completionWindow(window));
    }
}
