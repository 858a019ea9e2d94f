package io.inferencegateway.spi;

import java.time.Instant;
import java.util.List;

/**
 * The gateway's record of a natively run batch, as {@link BaseEndpoint#getBatchStatus} receives it (FIRST's
 * {@code BatchLog}).
 *
 * @param id               the gateway's batch id
 * @param userId           who submitted it
 * @param cluster          cluster name
 * @param framework        framework name
 * @param model            model name
 * @param inputFile        input path handed to {@code submitBatch}
 * @param outputFolderPath output folder handed to {@code submitBatch}
 * @param taskIds          what {@code submitBatch} returned as task ids
 * @param status           the last status the adaptor reported
 * @param result           the last result the adaptor reported, may be empty
 * @param inProgressAt     when the batch was submitted to the backend
 */
public record BatchLog(
        String id,
        String userId,
        String cluster,
        String framework,
        String model,
        String inputFile,
        String outputFolderPath,
        List<String> taskIds,
        BatchStatus status,
        String result,
        Instant inProgressAt) {

    public BatchLog {
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }
}
