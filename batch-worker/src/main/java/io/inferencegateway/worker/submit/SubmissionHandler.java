package io.inferencegateway.worker.submit;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.files.LineTooLongException;
import io.inferencegateway.json.Json;
import io.inferencegateway.paths.PathRefused;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.BatchStatus;
import io.inferencegateway.spi.SubmitBatchResponse;
import io.inferencegateway.worker.finish.OutputFolders;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.store.BatchRow;
import io.inferencegateway.worker.store.BatchRows;
import io.inferencegateway.worker.store.LineRows;
import io.inferencegateway.worker.store.LineRows.LineKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does with one {@code BatchSubmission}: hand the batch to a native adaptor, or validate its input and
 * store its lines with their requests, for the scheduler ({@code worker.schedule}) to dispatch. Idempotent: a
 * re-delivered or re-published submission finds the batch past {@code validating} and does nothing, except storing
 * the requests of a batch that lacks them.
 * Throws when the database or Kafka fails, so the caller retries without committing.
 */
public final class SubmissionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionHandler.class);
    /** A failed batch lists at most this many problems; the count of the rest is in the last entry. */
    static final int MAX_REPORTED_ERRORS = 1_000;

    private static final Set<BatchState> VALIDATING = Set.of(BatchState.VALIDATING);
    /** A submission is handled in these states only: starting it, or publishing its lines again. */
    private static final Set<BatchState> GIVEN_UP_FROM = Set.of(BatchState.VALIDATING, BatchState.IN_PROGRESS);

    private final BatchRows batches;
    private final BatchRepository repository;
    private final LineRows lines;
    private final AdaptorRegistry registry;
    private final BatchInput input;
    private final OutputFolders outputFolders;
    private final EventPublisher events;
    private final TokenBudget budget;
    /** Told of each batch put in progress with its lines stored, so the scheduler starts it at once. */
    private final Consumer<String> started;

    public SubmissionHandler(BatchRows batches, BatchRepository repository, LineRows lines, AdaptorRegistry registry,
                             BatchInput input, OutputFolders outputFolders, EventPublisher events,
                             TokenBudget budget, Consumer<String> started) {
        this.batches = batches;
        this.repository = repository;
        this.lines = lines;
        this.registry = registry;
        this.input = input;
        this.outputFolders = outputFolders;
        this.events = events;
        this.budget = budget;
        this.started = started;
    }

    public void handle(String batchId) throws IOException {
        Optional<BatchRow> found = batches.find(batchId);
        if (found.isEmpty()) {
            LOG.warn("Submission of unknown batch {} ignored", batchId);
            return;
        }
        BatchRow batch = found.get();
        if (batch.status() == BatchState.VALIDATING) {
            start(batch);
        } else if (batch.status() == BatchState.IN_PROGRESS && !batch.isNative() && !batch.linesPublished()) {
            // Running since before requests were stored with the lines: store them, and the scheduler dispatches
            // the lines still pending.
            LOG.info("Storing the requests of batch {} again", batchId);
            storeRequestsAgain(batch);
        }
    }

    /**
     * Ends a batch whose submission kept failing (see {@link SubmissionFailures}): it fails with an error that says
     * so, instead of staying {@code validating} for good.
     */
    public void giveUp(String batchId) {
        Optional<BatchRow> found = batches.find(batchId);
        if (found.isPresent() && repository.markFailed(batchId, GIVEN_UP_FROM, List.of(BatchError.of(
                "batch_processing_failed", "This batch could not be processed: handling it failed "
                        + SubmissionFailures.MAX_ATTEMPTS + " times in a row. The cause is in the batch worker's log "
                        + "under batch id " + batchId + ".")))) {
            events.publish(batchId, found.get().userId(), BatchState.FAILED, 0, 0, 0);
        }
    }

    private void start(BatchRow batch) throws IOException {
        Optional<BaseEndpoint> endpoint = registry.endpoint(batch.cluster(), batch.framework(), batch.model());
        if (endpoint.isEmpty()) {
            fail(batch, List.of(new BatchError("model_not_found", "No endpoint serves model '" + batch.model()
                    + "' with " + batch.framework() + " on " + batch.cluster() + ".", "model", null)));
        } else if (endpoint.get().hasBatchEnabled()) {
            submitNatively(batch, endpoint.get());
        } else {
            fanOut(batch);
        }
    }

    private void submitNatively(BatchRow batch, BaseEndpoint endpoint) {
        String inputFile = batch.inputFile() != null ? batch.inputFile() : batch.inputFileId();
        SubmitBatchResponse submitted = endpoint.submitBatch(
                new BatchRequest(batch.id(), batch.model(), inputFile == null ? "" : inputFile,
                        batch.outputFolderPath()), batch.username());
        if (submitted.isError()) {
            if (submitted.errorCode() >= 500 && submitted.errorCode() != 501) {
                throw new IllegalStateException("Native submission of batch " + batch.id() + " failed with "
                        + submitted.errorCode() + ": " + submitted.errorMessage() + "; will retry");
            }
            fail(batch, List.of(BatchError.of("batch_submission_failed", submitted.errorMessage() == null
                    ? "The endpoint refused the batch (" + submitted.errorCode() + ")." : submitted.errorMessage())));
            return;
        }
        // The native ids first: a batch in progress without them would be taken for a fanned-out one.
        repository.setNative(batch.id(), new Batch.NativeBatch(submitted.batchId(), submitted.taskIds(),
                (submitted.status() == null ? BatchStatus.PENDING : submitted.status()).wireName(), ""));
        if (repository.transition(batch.id(), VALIDATING, BatchState.IN_PROGRESS)) {
            LOG.info("Batch {} submitted natively to {} as {}", batch.id(), endpoint.endpointSlug(),
                    submitted.batchId());
            events.publish(batch.id(), batch.userId(), BatchState.IN_PROGRESS, 0, 0, 0);
        }
    }

    private void fanOut(BatchRow batch) throws IOException {
        if (batch.outputFolderPath() != null && !batch.outputFolderPath().isBlank()) {
            // Checked again, by opening it, when the results are written: this only fails early.
            try {
                outputFolders.check(batch.userId(), batch.outputFolderPath());
            } catch (PathRefused e) {
                fail(batch, List.of(new BatchError(e.code(), e.getMessage(), e.param(), null)));
                return;
            }
        }
        LineValidator validator = new LineValidator(batch.endpoint(), batch.model(), batch.isFirstStyle());
        List<BatchError> errors = new ArrayList<>();
        int[] counts = new int[2]; // lines read, problems found
        int[] lastLine = new int[1];
        try (LineInserts inserts = new LineInserts(lines, batch.id())) {
            try {
                input.read(batch, (text, number) -> {
                    lastLine[0] = number;
                    if (++counts[0] > LineValidator.MAX_LINES) {
                        errors.add(new BatchError("too_many_tasks", "A batch may hold at most "
                                + LineValidator.MAX_LINES + " requests.", null, number));
                        counts[1]++;
                        return false;
                    }
                    LineValidator.Checked checked = validator.check(text, number);
                    if (checked.error() != null) {
                        if (++counts[1] <= MAX_REPORTED_ERRORS) {
                            errors.add(checked.error());
                        }
                    } else if (errors.isEmpty()) {
                        inserts.add(stored(checked.line()));
                    }
                    return true;
                });
            } catch (BatchInput.InputUnavailable e) {
                inserts.close();
                fail(batch, List.of(e.error()));
                return;
            } catch (LineTooLongException e) {
                // Nothing after it was read: the line's end is not known, so neither are the lines that follow.
                errors.add(tooLong(e));
            }
            if (counts[0] == 0 && errors.isEmpty()) {
                errors.add(new BatchError("empty_file", "The input file holds no requests.", null, null));
            }
            if (errors.isEmpty()) {
                budget.admit(batch, validator.enqueuedTokens()).ifPresent(errors::add);
            }
            if (!errors.isEmpty()) {
                if (counts[1] > MAX_REPORTED_ERRORS) {
                    errors.add(new BatchError("too_many_errors", (counts[1] - MAX_REPORTED_ERRORS)
                            + " more lines have problems.", null, null));
                }
                inserts.close();
                lines.deleteAll(batch.id());
                fail(batch, errors);
                return;
            }
            inserts.finish();
        }
        repository.setRequestTotal(batch.id(), counts[0]);
        // Stored before the batch is in progress: the scheduler dispatches lines of batches in progress only.
        batches.markLinesStored(batch.id(), lastLine[0]);
        if (repository.transition(batch.id(), VALIDATING, BatchState.IN_PROGRESS)) {
            LOG.info("Batch {} validated: {} lines", batch.id(), counts[0]);
            events.publish(batch.id(), batch.userId(), BatchState.IN_PROGRESS, counts[0], 0, 0);
            started.accept(batch.id());
        }
    }

    private static LineKey stored(LineValidator.ValidLine line) {
        return new LineKey(line.customId(), line.lineNumber(), line.url(), Json.write(line.body()));
    }

    /** Reads the input again and stores the requests of the lines still pending; dispatch starts over. */
    private void storeRequestsAgain(BatchRow batch) throws IOException {
        LineValidator validator = new LineValidator(batch.endpoint(), batch.model(), batch.isFirstStyle());
        int[] lastLine = new int[1];
        try (LineInserts inserts = new LineInserts(lines, batch.id())) {
            input.read(batch, (text, number) -> {
                lastLine[0] = number;
                LineValidator.Checked checked = validator.check(text, number);
                if (checked.line() != null) {
                    inserts.add(stored(checked.line()));
                }
                return true;
            });
            inserts.finish();
        } catch (BatchInput.InputUnavailable e) {
            // It was there when validated: deleted or replaced since, so the lines cannot all be run.
            failRunning(batch, e.error());
            return;
        } catch (LineTooLongException e) {
            failRunning(batch, tooLong(e));
            return;
        }
        batches.markLinesStored(batch.id(), lastLine[0]);
    }

    private static BatchError tooLong(LineTooLongException e) {
        return new BatchError("line_too_long", e.getMessage(), null, e.lineNumber());
    }

    /** The input changed under a batch already in progress: its lines cannot all be published. */
    private void failRunning(BatchRow batch, BatchError error) {
        if (repository.markFailed(batch.id(), Set.of(BatchState.IN_PROGRESS), List.of(error))) {
            LOG.info("Batch {} failed while its lines were published: {}", batch.id(), error);
            events.publish(batch.id(), batch.userId(), BatchState.FAILED, 0, 0, 0);
        }
    }

    private void fail(BatchRow batch, List<BatchError> errors) {
        if (repository.markFailed(batch.id(), VALIDATING, errors)) {
            LOG.info("Batch {} failed validation: {} problems, first: {}", batch.id(), errors.size(), errors.get(0));
            events.publish(batch.id(), batch.userId(), BatchState.FAILED, 0, 0, 0);
        }
    }
}
