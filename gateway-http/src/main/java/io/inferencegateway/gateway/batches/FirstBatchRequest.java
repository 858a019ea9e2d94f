package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * FIRST's {@code BatchSubmit} body ({@code extra=forbid}): {@code input_file} and {@code model} non-empty strings,
 * {@code output_folder_path} a string or null. FIRST answered a bad body with 422; this gateway's validation
 * answers 400 on every route.
 */
record FirstBatchRequest(String inputFile, String model, String outputFolderPath) {

    private static final Set<String> FIELDS = Set.of("input_file", "model", "output_folder_path");

    static FirstBatchRequest parse(ObjectNode body) {
        BodyFields.onlyKnown(body, FIELDS);
        return new FirstBatchRequest(BodyFields.requiredString(body, "input_file"),
                BodyFields.requiredString(body, "model"), BodyFields.optionalString(body, "output_folder_path"));
    }
}
