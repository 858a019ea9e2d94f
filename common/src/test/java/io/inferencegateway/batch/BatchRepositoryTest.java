package io.inferencegateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.testing.TestServers;
import io.inferencegateway.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BatchRepository on a real, migrated PostgreSQL. Each test works for users of its own. */
class BatchRepositoryTest {

    private static Database database;
    private static BatchRepository batches;

    @BeforeAll
    static void open() {
        database = Database.open(TestServers.freshDatabase(8), "batch-repository-test");
        batches = new BatchRepository(database.dataSource());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    private static NewBatch openAi(String userId) {
        return new NewBatch(BatchIds.newId(), ApiStyle.OPENAI, userId, "open", "vllm", "model-a",
                "/v1/chat/completions", "24h", Duration.ofHours(24), null, null, "file-abc", null);
    }

    private static NewBatch first(String userId, String inputFile) {
        return new NewBatch(BatchIds.newId(), ApiStyle.FIRST, userId, "open", "vllm", "model-a",
                "/v1/chat/completions", "24h", Duration.ofHours(24), inputFile, null, null, null);
    }

    @Test
    void createdBatchComesBackWithEveryField() {
        String user = newUser();
        NewBatch request = new NewBatch(BatchIds.newId(), ApiStyle.OPENAI, user, "open", "vllm", "model-a",
                "/v1/embeddings", "24h", Duration.ofHours(24), null, null, "file-xyz",
                Map.of("project", "alpha", "run", "7"));

        Batch created = batches.create(request);

        assertThat(created.id()).isEqualTo(request.id());
        assertThat(created.apiStyle()).isEqualTo(ApiStyle.OPENAI);
        assertThat(created.userId()).isEqualTo(user);
        assertThat(created.endpoint()).isEqualTo("/v1/embeddings");
        assertThat(created.state()).isEqualTo(BatchState.VALIDATING);
        assertThat(created.inputFileId()).isEqualTo("file-xyz");
        assertThat(created.inputFile()).isNull();
        assertThat(created.outputFolderPath()).isNull();
        assertThat(created.outputFileId()).isNull();
        assertThat(created.metadata()).isEqualTo(Map.of("project", "alpha", "run", "7"));
        assertThat(created.errors()).isEmpty();
        assertThat(created.requestCounts()).isEqualTo(Batch.RequestCounts.NONE);
        assertThat(created.nativeBatch()).isEqualTo(Batch.NativeBatch.NONE);
        assertThat(created.times().createdAt()).isNotNull();
        assertThat(created.times().expiresAt()).isEqualTo(created.times().createdAt().plus(Duration.ofHours(24)));
        assertThat(created.times().inProgressAt()).isNull();
        assertThat(batches.find(created.id())).contains(created);
    }

    @Test
    void firstBatchKeepsItsPathsAndMayHaveNoDeadline() {
        NewBatch request = new NewBatch(BatchIds.newId(), ApiStyle.FIRST, newUser(), "open", "vllm", "model-a",
                "/v1/chat/completions", "24h", null, "/data/in.jsonl", "/data/out", null, null);

        Batch created = batches.create(request);

        assertThat(created.apiStyle()).isEqualTo(ApiStyle.FIRST);
        assertThat(created.inputFile()).isEqualTo("/data/in.jsonl");
        assertThat(created.outputFolderPath()).isEqualTo("/data/out");
        assertThat(created.metadata()).isNull();
        assertThat(created.times().expiresAt()).isNull();
    }

    @Test
    void aUserFindsOnlyTheirOwnBatches() {
        String owner = newUser();
        Batch batch = batches.create(openAi(owner));

        assertThat(batches.find(owner, batch.id())).contains(batch);
        assertThat(batches.find(newUser(), batch.id())).isEmpty();
        assertThat(batches.find(owner, BatchIds.newId())).isEmpty();
    }

    @Test
    void listsPageNewestFirstWithACursor() {
        String user = newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(batches.create(openAi(user)).id());
        }
        batches.create(openAi(newUser()));
        batches.create(first(user, "/data/" + UUID.randomUUID()));
        List<String> newestFirst = created.reversed();

        BatchPage first = batches.listForUser(user, ApiStyle.OPENAI, null, 2);
        BatchPage second = batches.listForUser(user, ApiStyle.OPENAI, first.data().get(1).id(), 2);
        BatchPage third = batches.listForUser(user, ApiStyle.OPENAI, second.data().get(1).id(), 2);

        assertThat(ids(first)).isEqualTo(newestFirst.subList(0, 2));
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second)).isEqualTo(newestFirst.subList(2, 4));
        assertThat(second.hasMore()).isTrue();
        assertThat(ids(third)).isEqualTo(newestFirst.subList(4, 5));
        assertThat(third.hasMore()).isFalse();
        assertThat(ids(batches.listForUser(user, ApiStyle.OPENAI, null, 5))).isEqualTo(newestFirst);
        assertThat(batches.listForUser(user, ApiStyle.OPENAI, null, 5).hasMore()).isFalse();
    }

    @Test
    void aCursorThatIsNotTheUsersBatchGivesAnEmptyPage() {
        String user = newUser();
        batches.create(openAi(user));
        String someoneElses = batches.create(openAi(newUser())).id();

        assertThat(batches.listForUser(user, ApiStyle.OPENAI, someoneElses, 10).data()).isEmpty();
        assertThat(batches.listForUser(user, ApiStyle.OPENAI, BatchIds.newId(), 10).data()).isEmpty();
    }

    @Test
    void listsByState() {
        String user = newUser();
        Batch running = batches.create(first(user, "/data/a"));
        Batch waiting = batches.create(first(user, "/data/b"));
        assertThat(batches.transition(running.id(), Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS)).isTrue();

        assertThat(batches.listForUserByState(user, ApiStyle.FIRST, EnumSet.of(BatchState.IN_PROGRESS), 100))
                .extracting(Batch::id).containsExactly(running.id());
        assertThat(batches.listForUserByState(user, ApiStyle.FIRST, EnumSet.allOf(BatchState.class), 100))
                .extracting(Batch::id).containsExactly(waiting.id(), running.id());
        assertThat(batches.listForUserByState(user, ApiStyle.OPENAI, EnumSet.allOf(BatchState.class), 100)).isEmpty();
    }

    @Test
    void aTransitionStampsItsTimestampOnlyFromAnAllowedState() {
        Batch batch = batches.create(openAi(newUser()));

        assertThat(batches.transition(batch.id(), Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING)).isFalse();
        assertThat(batches.find(batch.id()).orElseThrow().state()).isEqualTo(BatchState.VALIDATING);

        assertThat(batches.transition(batch.id(), Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS)).isTrue();
        assertThat(batches.transition(batch.id(), Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS)).isFalse();
        assertThat(batches.transition(batch.id(), Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING)).isTrue();
        assertThat(batches.transition(batch.id(), Set.of(BatchState.FINALIZING), BatchState.COMPLETED)).isTrue();

        Batch done = batches.find(batch.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(BatchState.COMPLETED);
        assertThat(done.times().inProgressAt()).isNotNull();
        assertThat(done.times().finalizingAt()).isAfterOrEqualTo(done.times().inProgressAt());
        assertThat(done.times().completedAt()).isAfterOrEqualTo(done.times().finalizingAt());
        assertThat(done.times().failedAt()).isNull();
        assertThat(done.times().cancellingAt()).isNull();
    }

    @Test
    void anUnknownBatchDoesNotMove() {
        assertThat(batches.transition(BatchIds.newId(), Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS))
                .isFalse();
    }

    @Test
    void anEdgeOutsideTheStateMachineIsAProgrammingError() {
        Batch batch = batches.create(openAi(newUser()));

        assertThatThrownBy(() -> batches.transition(batch.id(), Set.of(BatchState.COMPLETED), BatchState.IN_PROGRESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("completed to in_progress");
        assertThatThrownBy(() -> batches.transition(batch.id(), Set.of(BatchState.VALIDATING), BatchState.COMPLETED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batches.transition(batch.id(), Set.of(), BatchState.FAILED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(batches.find(batch.id()).orElseThrow().state()).isEqualTo(BatchState.VALIDATING);
    }

    @Test
    void cancelFromEitherActiveStateStampsCancellingAt() {
        Batch batch = batches.create(openAi(newUser()));
        Set<BatchState> cancellable = EnumSet.of(BatchState.VALIDATING, BatchState.IN_PROGRESS);

        assertThat(batches.transition(batch.id(), cancellable, BatchState.CANCELLING)).isTrue();
        assertThat(batches.transition(batch.id(), cancellable, BatchState.CANCELLING)).isFalse();
        assertThat(batches.transition(batch.id(), Set.of(BatchState.CANCELLING), BatchState.CANCELLED)).isTrue();

        Batch cancelled = batches.find(batch.id()).orElseThrow();
        assertThat(cancelled.times().cancellingAt()).isNotNull();
        assertThat(cancelled.times().cancelledAt()).isNotNull();
    }

    /** The state machine's promise: of two processes moving the same batch at once, exactly one wins. */
    @Test
    void racingTransitionsHaveExactlyOneWinner() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                Batch batch = batches.create(openAi(newUser()));
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Boolean> cancel = () -> {
                    start.await();
                    return batches.transition(batch.id(), EnumSet.of(BatchState.VALIDATING, BatchState.IN_PROGRESS),
                            BatchState.CANCELLING);
                };
                Callable<Boolean> fail = () -> {
                    start.await();
                    return batches.markFailed(batch.id(), Set.of(BatchState.VALIDATING),
                            List.of(BatchError.of("empty_file", "The input file is empty.")));
                };
                Future<Boolean> cancelled = threads.submit(cancel);
                Future<Boolean> failed = threads.submit(fail);

                assertThat(cancelled.get() ^ failed.get()).as("round %d: exactly one winner", round).isTrue();
                BatchState state = batches.find(batch.id()).orElseThrow().state();
                assertThat(state).isEqualTo(cancelled.get() ? BatchState.CANCELLING : BatchState.FAILED);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void markFailedRecordsTheErrors() {
        Batch batch = batches.create(openAi(newUser()));
        List<BatchError> errors = List.of(new BatchError("invalid_json_line",
                "This line is not parseable as valid JSON.", null, 3),
                new BatchError("url_mismatch", "The url does not match the batch endpoint.", "url", 5));

        assertThat(batches.markFailed(batch.id(), Set.of(BatchState.VALIDATING), errors)).isTrue();

        Batch failed = batches.find(batch.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(BatchState.FAILED);
        assertThat(failed.errors()).isEqualTo(errors);
        assertThat(failed.times().failedAt()).isNotNull();
        assertThat(batches.markFailed(batch.id(), Set.of(BatchState.VALIDATING), errors)).isFalse();
    }

    @Test
    void progressFilesAndNativeStateAreRecorded() {
        Batch batch = batches.create(openAi(newUser()));

        assertThat(batches.setRequestTotal(batch.id(), 100)).isTrue();
        assertThat(batches.find(batch.id()).orElseThrow().requestCounts())
                .isEqualTo(new Batch.RequestCounts(100, 0, 0));
        assertThat(batches.setCounts(batch.id(), new Batch.RequestCounts(100, 95, 5),
                new Batch.TokenUsage(1_000, 2_000))).isTrue();
        assertThat(batches.setFiles(batch.id(), "file-out", null)).isTrue();
        assertThat(batches.setNative(batch.id(), new Batch.NativeBatch("native-1", List.of("t1", "t2"), "running", ""))).isTrue();
        assertThat(batches.setRequestTotal(BatchIds.newId(), 1)).isFalse();

        Batch stored = batches.find(batch.id()).orElseThrow();
        assertThat(stored.requestCounts()).isEqualTo(new Batch.RequestCounts(100, 95, 5));
        assertThat(stored.usage()).isEqualTo(new Batch.TokenUsage(1_000, 2_000));
        assertThat(stored.outputFileId()).isEqualTo("file-out");
        assertThat(stored.errorFileId()).isNull();
        assertThat(stored.nativeBatch()).isEqualTo(new Batch.NativeBatch("native-1", List.of("t1", "t2"), "running", ""));
    }

    @Test
    void activeBatchesAndInputsInUseAreFound() {
        String user = newUser();
        Batch a = batches.create(first(user, "/data/a.jsonl"));
        Batch b = batches.create(first(user, "/data/b.jsonl"));
        batches.create(openAi(user));
        assertThat(batches.countActive(user)).isEqualTo(3);

        batches.transition(b.id(), Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS);
        batches.transition(b.id(), Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING);
        batches.transition(b.id(), Set.of(BatchState.FINALIZING), BatchState.COMPLETED);

        assertThat(batches.countActive(user)).isEqualTo(2);
        assertThat(batches.findActiveWithInput(user, "/data/a.jsonl")).map(Batch::id).contains(a.id());
        assertThat(batches.findActiveWithInput(user, "/data/b.jsonl")).isEmpty();
        assertThat(batches.findActiveWithInput(newUser(), "/data/a.jsonl")).isEmpty();
    }

    @Test
    void admissionRefusesOverQuotaAndInputsInUse() {
        String user = newUser();
        Admission first = batches.admit(first(user, "/data/one.jsonl"), 2);
        Admission duplicate = batches.admit(first(user, "/data/one.jsonl"), 2);
        Admission second = batches.admit(first(user, "/data/two.jsonl"), 2);
        Admission third = batches.admit(first(user, "/data/three.jsonl"), 2);

        assertThat(first).isInstanceOf(Admission.Admitted.class);
        String firstId = ((Admission.Admitted) first).batch().id();
        assertThat(duplicate).isEqualTo(new Admission.InputInUse(firstId));
        assertThat(second).isInstanceOf(Admission.Admitted.class);
        assertThat(third).isEqualTo(new Admission.OverQuota(2, 2));
        assertThat(batches.admit(first(user, "/data/four.jsonl"), 0)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void concurrentAdmissionsStayWithinTheQuota() throws Exception {
        String user = newUser();
        int contenders = 6;
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        try {
            CyclicBarrier start = new CyclicBarrier(contenders);
            List<Future<Admission>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String input = "/data/" + i + ".jsonl";
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return batches.admit(first(user, input), 2);
                }));
            }
            int admitted = 0;
            for (Future<Admission> outcome : outcomes) {
                admitted += outcome.get() instanceof Admission.Admitted ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(2);
            assertThat(batches.countActive(user)).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void staleBatchesAreThoseLongInTheirState() throws SQLException {
        Batch old = batches.create(openAi(newUser()));
        Batch fresh = batches.create(openAi(newUser()));
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement age = connection.prepareStatement(
                     "UPDATE batches SET created_at = now() - interval '2 hours' WHERE id = ?")) {
            age.setString(1, old.id());
            age.executeUpdate();
        }

        List<String> stale = batches.findStale(BatchState.VALIDATING, Duration.ofHours(1)).stream()
                .map(Batch::id).toList();

        assertThat(stale).contains(old.id()).doesNotContain(fresh.id());
        assertThat(batches.findStale(BatchState.IN_PROGRESS, Duration.ofHours(1))).extracting(Batch::id)
                .doesNotContain(old.id());
    }

    private static List<String> ids(BatchPage page) {
        return page.data().stream().map(Batch::id).toList();
    }
}
