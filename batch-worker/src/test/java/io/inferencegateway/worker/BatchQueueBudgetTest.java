package io.inferencegateway.worker;

import static io.inferencegateway.worker.WorkerStack.chatLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.worker.config.BatchQueueBudget;
import io.inferencegateway.worker.store.EnqueuedTokens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batch queue budgets, as OpenAI's per-model batch queue limit and Azure's enqueued tokens: a validated batch
 * whose estimated prompt tokens, with those of the model's (or the user's) active batches, would pass a budget fails
 * with {@code token_limit_exceeded}; tokens leave the count when their batch ends.
 */
@Timeout(180)
class BatchQueueBudgetTest {

    /** Its lines wait out an outage that never ends: its batches stay in progress until cancelled. */
    static final String HELD = "sim-down";
    static final long PER_MODEL = 100;
    static final long PER_USER = 60;
    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create(Map.of(BatchQueueBudget.TOKENS_PER_MODEL, Long.toString(PER_MODEL),
                BatchQueueBudget.TOKENS_PER_USER, Long.toString(PER_USER)));
        stack.startWorker("budget");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** {@code count} chat lines of ten prompt tokens each (ten words, by the simulator's count). */
    static List<String> lines(String model, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> chatLine("req-" + i, model,
                "one two three four five six seven eight nine ten")).toList();
    }

    String submit(String userId, String model, int lines) {
        String id = stack.createBatch(BatchIds.newId(), userId, model, lines(model, lines), Duration.ofHours(1));
        stack.submit(id);
        return id;
    }

    @Test
    void aBatchThatWouldPassTheModelsBudgetFailsAndTokensLeaveWhenABatchEnds() {
        String first = submit("user-a", HELD, 4);
        stack.awaitState(first, BatchState.IN_PROGRESS, Duration.ofSeconds(60));
        String second = submit("user-b", HELD, 4);
        stack.awaitState(second, BatchState.IN_PROGRESS, Duration.ofSeconds(60));
        assertThat(enqueuedTokens(first)).isEqualTo(40);

        Batch refused = stack.awaitTerminal(submit("user-c", HELD, 3), Duration.ofSeconds(60));

        assertThat(refused.state()).isEqualTo(BatchState.FAILED);
        BatchError error = refused.errors().getFirst();
        assertThat(error.code()).isEqualTo("token_limit_exceeded");
        assertThat(error.line()).isNull();
        assertThat(error.message()).contains("limit of 100 ").contains("'" + HELD + "'").contains("80 ")
                .contains("30 ");
        assertThat(stack.finished(refused.id())).isZero();

        cancel(first);
        String third = submit("user-c", HELD, 3);
        stack.awaitState(third, BatchState.IN_PROGRESS, Duration.ofSeconds(60));
        cancel(second);
        cancel(third);
    }

    @Test
    void aBatchThatWouldPassTheUsersBudgetFailsWhateverTheModel() {
        String held = submit("user-u", HELD, 2);
        stack.awaitState(held, BatchState.IN_PROGRESS, Duration.ofSeconds(60));

        Batch refused = stack.awaitTerminal(submit("user-u", "sim-zero", 5), Duration.ofSeconds(60));
        String someoneElses = submit("user-v", "sim-zero", 5);

        assertThat(refused.state()).isEqualTo(BatchState.FAILED);
        assertThat(refused.errors().getFirst().code()).isEqualTo("token_limit_exceeded");
        assertThat(refused.errors().getFirst().message()).contains("limit of 60 ").contains("20 ").contains("50 ");
        // Admitted: past validation, not failed (whether its lines have run yet is the lanes' business).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.batches.find(someoneElses).orElseThrow().state() != BatchState.VALIDATING);
        assertThat(stack.batches.find(someoneElses).orElseThrow().state()).isNotEqualTo(BatchState.FAILED);
        cancel(held);
        cancel(someoneElses);
    }

    /** Two workers validating at once must not both slip under the budget: the check and the write are one. */
    @Test
    void concurrentReservationsNeverPassTheBudgetTogether() throws Exception {
        EnqueuedTokens tokens = new EnqueuedTokens(stack.database.dataSource());
        BatchQueueBudget budget = new BatchQueueBudget(PER_MODEL, 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                String model = "race-" + round;
                List<String> ids = IntStream.range(0, 4).mapToObj(i -> stack.batches.create(new NewBatch(
                        BatchIds.newId(), ApiStyle.OPENAI, "user-" + i, "sim", "api", model, "/v1/chat/completions",
                        "24h", Duration.ofHours(1), null, null, "file-x", null)).id()).toList();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<EnqueuedTokens.Reservation>> results = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    String user = "user-" + i;
                    results.add(threads.submit(() -> {
                        go.await();
                        return tokens.reserve(id, model, user, 40, budget);
                    }));
                }
                go.countDown();
                int reserved = 0;
                for (Future<EnqueuedTokens.Reservation> result : results) {
                    if (result.get(30, TimeUnit.SECONDS) instanceof EnqueuedTokens.Reservation.Reserved) {
                        reserved++;
                    }
                }
                assertThat(reserved).as("round %d: 40-token batches under a budget of 100", round).isEqualTo(2);
                ids.forEach(id -> stack.batches.markFailed(id, Set.of(BatchState.VALIDATING),
                        List.of(BatchError.of("test", "Done."))));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Cancels the batch unless it has finished already, and waits for it to end. */
    private static void cancel(String id) {
        stack.batches.transition(id, Set.of(BatchState.VALIDATING, BatchState.IN_PROGRESS), BatchState.CANCELLING);
        stack.awaitTerminal(id, Duration.ofSeconds(60));
    }

    private static long enqueuedTokens(String id) {
        return Sql.withConnection(stack.database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT enqueued_tokens FROM batches WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
