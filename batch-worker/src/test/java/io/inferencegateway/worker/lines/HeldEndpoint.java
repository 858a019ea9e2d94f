package io.inferencegateway.worker.lines;

import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint ({@code c}/{@code f}/{@code m}) whose calls each wait for an answer the test lets out with
 * {@link #answer(int)}, or answer at once when built {@link #answering()}; built {@link #heldAsync()}, its calls go
 * through its own asynchronous form, so the worker can cut them short.
 */
class HeldEndpoint extends BaseEndpoint {

    static final String ANSWER = "{\"object\":\"chat.completion\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";

    /** Calls begun, and calls that have got their answer. */
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    /** Calls the worker aborted (only through the asynchronous form). */
    final AtomicInteger aborted = new AtomicInteger();
    private final Semaphore answers = new Semaphore(0);
    private final boolean held;

    private HeldEndpoint(boolean held) {
        super(new EndpointDefinition(1, "c-f-m", "c", "f", "m", HeldEndpoint.class.getName(), List.of(), List.of(),
                0, 0, Json.object()));
        this.held = held;
    }

    /** Every call waits for {@link #answer(int)}. */
    static HeldEndpoint held() {
        return new HeldEndpoint(true);
    }

    static HeldEndpoint answering() {
        return new HeldEndpoint(false);
    }

    /** Every call waits for {@link #answer(int)}, through the endpoint's own asynchronous form. */
    static HeldEndpoint heldAsync() {
        return new Async();
    }

    /** Lets {@code count} waiting (or future) calls answer, oldest first. */
    void answer(int count) {
        answers.release(count);
    }

    @Override
    public SubmitTaskResponse submitTask(TaskRequest data) {
        calls.incrementAndGet();
        if (held) {
            try {
                answers.acquire();
            } catch (InterruptedException e) {
                // The worker is closing: the line ends without a result.
                Thread.currentThread().interrupt();
                return SubmitTaskResponse.error(502, "interrupted");
            }
        }
        answered.incrementAndGet();
        return SubmitTaskResponse.ok(ANSWER, "req-" + calls.get());
    }

    @Override
    public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
        return SubmitStreamingTaskResponse.error(501, "not streamed here");
    }

    /** Calls answered from the test's permits, in the order they began; an aborted call takes none. */
    private static final class Async extends HeldEndpoint {

        private final Queue<CompletableFuture<SubmitTaskResponse>> pending = new ConcurrentLinkedQueue<>();
        private final Semaphore permits = new Semaphore(0);

        Async() {
            super(true);
        }

        @Override
        public CompletableFuture<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
            calls.incrementAndGet();
            CompletableFuture<SubmitTaskResponse> answer = new CompletableFuture<>();
            answer.whenComplete((response, failure) -> {
                if (answer.isCancelled()) {
                    aborted.incrementAndGet();
                }
            });
            pending.add(answer);
            answerPending();
            return answer;
        }

        @Override
        void answer(int count) {
            permits.release(count);
            answerPending();
        }

        private synchronized void answerPending() {
            for (CompletableFuture<SubmitTaskResponse> next = pending.peek(); next != null; next = pending.peek()) {
                if (next.isDone()) {
                    pending.remove(); // aborted: it takes no permit
                    continue;
                }
                if (!permits.tryAcquire()) {
                    return;
                }
                pending.remove();
                if (next.complete(SubmitTaskResponse.ok(ANSWER, "req-" + (answered.get() + 1)))) {
                    answered.incrementAndGet();
                } else {
                    permits.release(); // aborted meanwhile: the permit is for the next call
                }
            }
        }
    }
}
