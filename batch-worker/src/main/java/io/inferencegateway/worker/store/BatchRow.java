package io.inferencegateway.worker.store;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.spi.BatchLog;
import io.inferencegateway.spi.BatchStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a batch row the worker acts on.
 *
 * @param id               batch id
 * @param apiStyle         {@code openai} or {@code first}
 * @param userId           owner
 * @param username         owner's username where known, else the user id (for native adaptors)
 * @param cluster          cluster of the serving endpoint
 * @param framework        framework of the serving endpoint
 * @param model            the batch's model: every line must ask for it
 * @param endpoint         the OpenAI route every line must use, e.g. {@code /v1/chat/completions}
 * @param status           current status
 * @param inputFile        FIRST: input path readable by the workers
 * @param inputFileId      OpenAI: input file id
 * @param outputFolderPath FIRST: where to write the output JSONL too; empty for none
 * @param nativeStatus     native batches: last reported status; null for fanned-out batches
 * @param nativeBatchId    native batches: the backend's id
 * @param taskIds          native batches: the backend's task ids
 * @param result           native batches: the last reported result
 * @param requestTotal     lines in the batch
 * @param linesPublished   whether the lines are stored with their requests, for the scheduler
 * @param inProgressAt     when the batch started running
 */
public record BatchRow(String id, String apiStyle, String userId, String username, String cluster, String framework,
                       String model, String endpoint, BatchState status, String inputFile, String inputFileId,
                       String outputFolderPath, String nativeStatus, String nativeBatchId, List<String> taskIds,
                       String result, int requestTotal, boolean linesPublished, Instant inProgressAt) {

    public boolean isFirstStyle() {
        return "first".equals(apiStyle);
    }

    public boolean isNative() {
        return nativeStatus != null;
    }

    /** What a native adaptor's {@code getBatchStatus} receives. */
    public BatchLog toBatchLog() {
        BatchStatus reported = nativeStatus == null ? BatchStatus.PENDING
                : BatchStatus.valueOf(nativeStatus.toUpperCase(Locale.ROOT));
        return new BatchLog(id, userId, cluster, framework, model, inputFile != null ? inputFile : inputFileId,
                outputFolderPath, taskIds, reported, result, inProgressAt);
    }
}
