package io.inferencegateway.spi;

import java.util.Objects;

/**
 * A batch handed to an adaptor that runs batches natively ({@link BaseEndpoint#submitBatch}).
 *
 * @param batchId          the gateway's id for the batch
 * @param model            the model every line uses
 * @param inputFile        path of the JSONL input as the backend can read it
 * @param outputFolderPath where the backend should write results; may be empty
 */
public record BatchRequest(String batchId, String model, String inputFile, String outputFolderPath) {

    public BatchRequest {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputFile, "inputFile");
        outputFolderPath = outputFolderPath == null ? "" : outputFolderPath;
    }
}
