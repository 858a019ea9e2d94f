package io.inferencegateway.worker.finish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.paths.BatchRoots;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.LineRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finalizer's logic with its rows and files in memory ({@link InMemoryFinishRows}, {@link InMemoryFileStore}):
 * the files a user downloads (each custom id once, in input order, answers in the output file and error lines that
 * say why in the error file), the terminal status and counts, and that two finalizers of one batch never finish it
 * twice. The SQL itself (the lease, {@code CANCEL_DONE}, the compare-and-set) runs against PostgreSQL in the
 * WorkerStack tests ({@code HappyPathTest}, {@code CancelAndExpiryTest}, {@code TwoWorkersTest}).
 */
class FinalizerTest {

    static final String USER = "user-1";
    static final String BATCH = "batch_1";
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration CANCEL_GRACE = Duration.ofMinutes(2);
    static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\"hello\"}}]}";

    private final InMemoryFinishRows rows = new InMemoryFinishRows();
    private final InMemoryFileStore files = new InMemoryFileStore();
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final WorkerMetrics metrics = new WorkerMetrics();
    @TempDir
    Path scratch;

    private Finalizer finalizer() {
        return new Finalizer(rows, files, new EventPublisher(new RecordSender(producer), Topics.defaults()), metrics,
                LEASE, CANCEL_GRACE, scratch, new OutputFolders(BatchRoots.none()));
    }

    @AfterEach
    void noScratchFileIsLeftBehind() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("the local copies of the files, removed once stored").isEmpty();
        }
    }

    private void answered(String customId, int lineNumber, int prompt, int completion) {
        InMemoryFinishRows.Line line = rows.line(BATCH, customId, lineNumber);
        line.status = LineRows.COMPLETED;
        line.responseStatus = 200;
        line.responseBody = ANSWER;
        line.requestId = "req-" + customId;
        line.promptTokens = prompt;
        line.completionTokens = completion;
    }

    /** A line the backend refused with {@code status}, or that got no answer at all when it is null. */
    private void failed(String customId, int lineNumber, Integer status, String code, String message) {
        InMemoryFinishRows.Line line = rows.line(BATCH, customId, lineNumber);
        line.status = LineRows.FAILED;
        line.errorCode = code;
        line.errorMessage = message;
        if (status != null) {
            line.responseStatus = status;
            line.responseBody = "{\"error\":{\"message\":\"" + message + "\",\"code\":\"" + code + "\"}}";
            line.requestId = "req-" + customId;
        }
    }

    private List<JsonNode> jsonl(String fileId) {
        assertThat(fileId).as("a file id").isNotNull();
        return files.text(fileId).lines().map(Json::read).toList();
    }

    private static List<String> customIds(List<JsonNode> lines) {
        return lines.stream().map(l -> l.path("custom_id").asText()).toList();
    }

    private List<BatchEvent> events() {
        JsonSerde<BatchEvent> serde = new JsonSerde<>(BatchEvent.class);
        return producer.history().stream().filter(r -> r.topic().equals(Topics.defaults().events()))
                .map(r -> serde.deserializer().deserialize(r.topic(), r.value())).toList();
    }

    private double finalized(String status) {
        var counter = metrics.registry().find("batch_worker_batches_finalized_total").tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBatchWhoseLinesAreAllDoneCompletesWithAnswersAndErrorLinesInInputOrderEachOnce() throws IOException {
        rows.batch(BATCH, BatchState.IN_PROGRESS, USER);
        answered("a", 1, 10, 5);
        failed("b", 2, 400, "invalid_request_error", "messages must not be empty");
        answered("c", 3, 20, 7);
        failed("d", 4, null, "timeout", "The backend did not answer within 300 s.");
        answered("e", 5, 30, 9);

        assertThat(finalizer().finalizeNow(BATCH)).isTrue();

        InMemoryFinishRows.Batch batch = rows.batch(BATCH);
        assertThat(batch.status).isEqualTo(BatchState.COMPLETED);
        assertThat(batch.counts).isEqualTo(new LineRows.Counts(3, 2, 0, 60, 21));
        List<JsonNode> output = jsonl(batch.outputFileId);
        assertThat(customIds(output)).containsExactly("a", "c", "e");
        assertThat(output.getFirst().path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(output.getFirst().path("response").path("request_id").asText()).isEqualTo("req-a");
        assertThat(output.getFirst().path("response").path("body")).isEqualTo(Json.read(ANSWER));
        assertThat(output.getFirst().path("error").isNull()).isTrue();
        assertThat(output.stream().map(l -> l.path("id").asText()).distinct())
                .as("a distinct batch_req_ id per line").hasSize(3).allMatch(id -> id.startsWith("batch_req_"));

        List<JsonNode> errors = jsonl(batch.errorFileId);
        assertThat(customIds(errors)).containsExactly("b", "d");
        JsonNode refused = errors.getFirst();
        assertThat(refused.path("error").path("code").asText()).isEqualTo("invalid_request_error");
        assertThat(refused.path("error").path("message").asText()).isEqualTo("messages must not be empty");
        assertThat(refused.path("response").path("status_code").asInt()).isEqualTo(400);
        JsonNode unanswered = errors.get(1);
        assertThat(unanswered.path("response").isNull()).as("no answer, no response").isTrue();
        assertThat(unanswered.path("error").path("code").asText()).isEqualTo("timeout");

        assertThat(files.find(USER, batch.outputFileId).orElseThrow().purpose()).isEqualTo(Finalizer.OUTPUT_PURPOSE);
        assertThat(files.all()).as("the output and error files, nothing else").hasSize(2);
        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(BatchState.COMPLETED);
            assertThat(event.total()).isEqualTo(5);
            assertThat(event.completed()).isEqualTo(3);
            assertThat(event.failed()).isEqualTo(2);
        });
        assertThat(finalized("completed")).isEqualTo(1);
    }

    @Test
    void aBatchWithoutAFailedLineHasNoErrorFile() throws IOException {
        rows.batch(BATCH, BatchState.IN_PROGRESS, USER);
        answered("a", 1, 1, 1);
        answered("b", 2, 1, 1);

        assertThat(finalizer().finalizeNow(BATCH)).isTrue();

        assertThat(rows.batch(BATCH).errorFileId).as("OpenAI reports error_file_id null").isNull();
        assertThat(customIds(jsonl(rows.batch(BATCH).outputFileId))).containsExactly("a", "b");
    }

    @Test
    void aBatchWithALinePendingIsNotFinalized() throws IOException {
        rows.batch(BATCH, BatchState.IN_PROGRESS, USER);
        answered("a", 1, 1, 1);
        rows.line(BATCH, "b", 2);

        assertThat(finalizer().finalizeNow(BATCH)).isFalse();

        assertThat(rows.batch(BATCH).status).isEqualTo(BatchState.IN_PROGRESS);
        assertThat(rows.lines(BATCH).get(1).status).isEqualTo(LineRows.PENDING);
        assertThat(files.all()).isEmpty();
        assertThat(events()).isEmpty();
    }

    @Test
    void aCancelledBatchKeepsItsAnswersAndItsUnfinishedLinesBecomeBatchCancelledErrorLines() throws IOException {
        rows.batch(BATCH, BatchState.CANCELLING, USER).cancellingFor = CANCEL_GRACE.plusSeconds(1);
        answered("a", 1, 10, 5);
        rows.line(BATCH, "b", 2);
        failed("c", 3, 400, "invalid_request_error", "bad request");
        rows.line(BATCH, "d", 4);

        assertThat(finalizer().finalizeNow(BATCH)).isTrue();

        InMemoryFinishRows.Batch batch = rows.batch(BATCH);
        assertThat(batch.status).isEqualTo(BatchState.CANCELLED);
        assertThat(batch.counts).isEqualTo(new LineRows.Counts(1, 3, 0, 10, 5));
        assertThat(customIds(jsonl(batch.outputFileId))).containsExactly("a");
        List<JsonNode> errors = jsonl(batch.errorFileId);
        assertThat(customIds(errors)).containsExactly("b", "c", "d");
        assertThat(errors).extracting(e -> e.path("error").path("code").asText())
                .containsExactly("batch_cancelled", "invalid_request_error", "batch_cancelled");
        assertThat(errors.getFirst().path("error").path("message").asText())
                .isEqualTo("This request was cancelled before it executed.");
        assertThat(errors.getFirst().path("response").isNull()).isTrue();
        assertThat(events()).singleElement().extracting(BatchEvent::status).isEqualTo(BatchState.CANCELLED);
        assertThat(finalized("cancelled")).isEqualTo(1);
    }

    @Test
    void anExpiredBatchKeepsItsAnswersAndItsUnfinishedLinesBecomeBatchExpiredErrorLines() throws IOException {
        rows.batch(BATCH, BatchState.IN_PROGRESS, USER).pastDeadline = true;
        rows.line(BATCH, "a", 1);
        answered("b", 2, 10, 5);
        rows.line(BATCH, "c", 3);

        assertThat(finalizer().finalizeNow(BATCH)).isTrue();

        InMemoryFinishRows.Batch batch = rows.batch(BATCH);
        assertThat(batch.status).isEqualTo(BatchState.EXPIRED);
        assertThat(batch.counts).isEqualTo(new LineRows.Counts(1, 2, 0, 10, 5));
        assertThat(customIds(jsonl(batch.outputFileId))).containsExactly("b");
        List<JsonNode> errors = jsonl(batch.errorFileId);
        assertThat(customIds(errors)).containsExactly("a", "c");
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.path("error").path("code").asText()).isEqualTo("batch_expired");
            assertThat(e.path("error").path("message").asText())
                    .isEqualTo("This request could not be executed before the completion window ended.");
        });
        assertThat(events()).singleElement().extracting(BatchEvent::status).isEqualTo(BatchState.EXPIRED);
    }

    @Test
    void aSecondFinalizerWhileTheLeaseIsHeldDoesNothingAndNeitherDoesAnyLaterCall() throws IOException {
        rows.batch(BATCH, BatchState.CANCELLING, USER).cancellingFor = CANCEL_GRACE.plusSeconds(1);
        answered("a", 1, 1, 1);
        rows.line(BATCH, "b", 2);
        Finalizer first = finalizer();
        Finalizer second = finalizer();
        AtomicBoolean secondFinished = new AtomicBoolean(true);
        rows.beforeNextFinish(() -> {
            try {
                // The first holds the lease, its files stored, its finish not yet written.
                secondFinished.set(second.finalizeNow(BATCH));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(first.finalizeNow(BATCH)).isTrue();

        assertThat(secondFinished).as("the second finalizer, while the first held the lease").isFalse();
        InMemoryFinishRows.Batch batch = rows.batch(BATCH);
        assertThat(batch.status).isEqualTo(BatchState.CANCELLED);
        assertThat(files.all()).extracting(f -> f.id()).containsExactlyInAnyOrder(batch.outputFileId,
                batch.errorFileId);
        assertThat(customIds(jsonl(batch.errorFileId))).as("each line once").containsExactly("b");

        assertThat(second.finalizeNow(BATCH)).as("called again once the batch is cancelled").isFalse();
        assertThat(first.finalizeNow(BATCH)).isFalse();
        assertThat(files.all()).hasSize(2);
        assertThat(events()).hasSize(1);
        assertThat(finalized("cancelled")).isEqualTo(1);
    }

    @Test
    void aFinalizerThatLosesTheCompareAndSetDeletesItsFilesAndLeavesTheWinnersLinked() throws IOException {
        rows.batch(BATCH, BatchState.IN_PROGRESS, USER);
        answered("a", 1, 1, 1);
        failed("b", 2, null, "timeout", "no answer");
        Finalizer slow = finalizer();
        Finalizer other = finalizer();
        AtomicBoolean otherFinished = new AtomicBoolean();
        rows.beforeNextFinish(() -> {
            // The slow finalizer outlived its lease: another worker claims the batch and finalizes it first.
            rows.leaseRunsOut(BATCH);
            try {
                otherFinished.set(other.finalizeNow(BATCH));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(slow.finalizeNow(BATCH)).isFalse();

        assertThat(otherFinished).isTrue();
        InMemoryFinishRows.Batch batch = rows.batch(BATCH);
        assertThat(batch.status).isEqualTo(BatchState.COMPLETED);
        assertThat(files.all()).as("the winner's two files; the loser's are deleted").extracting(f -> f.id())
                .containsExactlyInAnyOrder(batch.outputFileId, batch.errorFileId);
        assertThat(customIds(jsonl(batch.outputFileId))).containsExactly("a");
        assertThat(customIds(jsonl(batch.errorFileId))).containsExactly("b");
        assertThat(events()).singleElement().extracting(BatchEvent::status).isEqualTo(BatchState.COMPLETED);
        assertThat(finalized("completed")).isEqualTo(1);
    }

    @Test
    void aBatchCancelledJustAfterItsCompletionWasClaimedEndsCancelledNotCompleted() throws IOException {
        rows.batch(BATCH, BatchState.IN_PROGRESS, USER);
        answered("a", 1, 1, 1);
        answered("b", 2, 1, 1);
        Finalizer finalizer = finalizer();
        rows.afterNextClaim(() -> rows.batch(BATCH).status = BatchState.CANCELLING);

        assertThat(finalizer.finalizeNow(BATCH)).as("the claim is given up").isFalse();
        assertThat(files.all()).isEmpty();
        assertThat(rows.batch(BATCH).leased).as("left for the next sweep").isFalse();

        assertThat(finalizer.finalizeNow(BATCH)).isTrue();
        InMemoryFinishRows.Batch batch = rows.batch(BATCH);
        assertThat(batch.status).isEqualTo(BatchState.CANCELLED);
        assertThat(customIds(jsonl(batch.outputFileId))).as("answers kept").containsExactly("a", "b");
        assertThat(events()).singleElement().extracting(BatchEvent::status).isEqualTo(BatchState.CANCELLED);
    }
}
