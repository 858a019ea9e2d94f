package io.inferencegateway.gateway.batches;

import io.inferencegateway.access.User;
import io.inferencegateway.batch.Admission;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.text.Excerpt;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What both API families do with batches: admit (quota, duplicate input), store, then publish; find a caller's
 * batch; cancel. The row is written before anything is published, so a batch that was answered 200 exists even if
 * Kafka lost the record.
 */
public final class BatchService {

    /** OpenAI: "the batch will be in status cancelling for up to 10 minutes". */
    static final Set<BatchState> CANCELLABLE = EnumSet.of(BatchState.VALIDATING, BatchState.IN_PROGRESS);
    static final String QUOTA_EXCEEDED = "quota_exceeded";

    private final BatchRepository batches;
    private final BatchPublisher publisher;
    private final int maxActive;
    private final Clock clock;

    public BatchService(BatchRepository batches, BatchPublisher publisher, int maxActive, Clock clock) {
        this.batches = batches;
        this.publisher = publisher;
        this.maxActive = maxActive;
        this.clock = clock;
    }

    /**
     * Stores the batch if the user may have another, then tells the workers; a failed publish is only logged. An
     * OpenAI batch over the quota is stored failed (see {@link #overQuota}) and not published.
     */
    Batch submit(NewBatch batch) {
        Admission admission = batches.admit(batch, maxActive);
        return switch (admission) {
            case Admission.Admitted admitted -> {
                publisher.submitted(admitted.batch().id());
                yield admitted.batch();
            }
            case Admission.OverQuota over -> overQuota(batch, over);
            case Admission.InputInUse inUse -> throw ApiException.badRequest("batch_ongoing", "Input file "
                    + Excerpt.of(batch.inputFile()) + " already used by ongoing batch " + inUse.batchId() + ".", "input_file");
        };
    }

    /**
     * A refusal the client can act on at once and that no SDK retries (a 429 with {@code Retry-After} had the
     * official SDKs wait and retry for minutes). FIRST: its own answer, 400 {@code quota_exceeded}. OpenAI: as
     * OpenAI and Azure OpenAI report their batch limits, the batch is created and fails at once, the reason in
     * {@code errors.data[]}.
     */
    private Batch overQuota(NewBatch batch, Admission.OverQuota over) {
        String message = "Quota of " + over.max() + " active batch(es) per user exceeded: you have " + over.active()
                + ". Submit again once one of your batches has finished, or cancel one.";
        if (batch.apiStyle() == ApiStyle.FIRST) {
            throw ApiException.badRequest(QUOTA_EXCEEDED, message, null);
        }
        return batches.createFailed(batch, List.of(BatchError.of(QUOTA_EXCEEDED, message)));
    }

    /**
     * The caller's batch of this API family, or 404. An id that cannot be one of ours (a FIRST UUID, say) is a 404
     * too, as FIRST and OpenAI answer an unknown id, only without a query.
     */
    Batch find(User user, ApiStyle style, String id) {
        Optional<Batch> found = BatchIds.isWellFormed(id) ? batches.find(user.id(), id) : Optional.empty();
        return found.filter(batch -> batch.apiStyle() == style)
                .orElseThrow(() -> ApiException.notFound("batch_not_found", "Batch " + Excerpt.of(id)
                        + " does not exist."));
    }

    /**
     * Cancels a validating or in-progress batch: it moves to {@code cancelling} and the workers stop it. Cancel is
     * idempotent: a batch already cancelling or cancelled is returned as it is (a cancelling one has its event sent
     * again, in case the first was lost). Any other status is a 400: a finalizing batch has every line answered and
     * is about to complete, and a finished one cannot be cancelled.
     */
    Batch cancel(Batch batch) {
        boolean moved = batches.transition(batch.id(), CANCELLABLE, BatchState.CANCELLING);
        Batch now = batches.find(batch.id()).orElseThrow();
        if (moved || now.state() == BatchState.CANCELLING) {
            publisher.changed(new BatchEvent(now.id(), now.userId(), now.state(), now.requestCounts().total(),
                    now.requestCounts().completed(), now.requestCounts().failed(), clock.millis()));
            return now;
        }
        if (now.state() == BatchState.CANCELLED) {
            return now;
        }
        throw ApiException.badRequest("batch_not_cancellable", "Batch " + now.id() + " cannot be cancelled: its "
                + "status is " + now.state().wireName() + ".", null);
    }
}
