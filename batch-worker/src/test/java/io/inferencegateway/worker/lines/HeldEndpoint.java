package io.inferencegateway.worker.lines;

import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint ({@code c}/{@code f}/{@code m}) whose calls each wait for an answer the test lets out with
 * {@link #answer(int)}, or answer at once when built {@link #answering()}.
 */
final class HeldEndpoint extends BaseEndpoint {

    static final String ANSWER = "{\"object\":\"chat.completion\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";

    /** Calls begun, and calls that have got their answer. */
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
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

    /** Lets {@code count} waiting (or future) calls answer. */
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
}
