package io.inferencegateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An adaptor written in either form serves callers of both: the blocking form waits for the asynchronous one, the
 * asynchronous form runs the blocking one on a virtual thread, and an adaptor's exception comes out as itself.
 */
@Timeout(10)
class BlockingAndAsyncFormsTest {

    private static final long WAIT_SECONDS = 5;

    /** Implements only the blocking forms, answering or throwing as the test says, and notes its thread. */
    public static class BlockingOnly extends BaseEndpoint {
        volatile Thread calledOn;
        private final Supplier<SubmitTaskResponse> answer;

        BlockingOnly(Supplier<SubmitTaskResponse> answer) {
            super(TestEndpoints.definition(BlockingOnly.class));
            this.answer = answer;
        }

        @Override
        public SubmitTaskResponse submitTask(TaskRequest data) {
            calledOn = Thread.currentThread();
            return answer.get();
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            calledOn = Thread.currentThread();
            return SubmitStreamingTaskResponse.error(429, "busy: " + requestLogId);
        }
    }

    /** Implements only the asynchronous forms, answering with the stage the test hands it. */
    public static class AsyncOnly extends BaseEndpoint {
        private final CompletionStage<SubmitTaskResponse> answer;

        AsyncOnly(CompletionStage<SubmitTaskResponse> answer) {
            super(TestEndpoints.definition(AsyncOnly.class));
            this.answer = answer;
        }

        @Override
        public CompletionStage<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
            return answer;
        }

        @Override
        public CompletionStage<SubmitStreamingTaskResponse> submitStreamingTaskAsync(TaskRequest data,
                                                                                     String requestLogId) {
            return CompletableFuture.completedFuture(SubmitStreamingTaskResponse.error(503, "down: " + requestLogId));
        }
    }

    @Test
    void anAsyncOnlyAdaptorAnswersThroughTheBlockingForms() {
        CompletableFuture<SubmitTaskResponse> later = new CompletableFuture<>();
        AsyncOnly endpoint = new AsyncOnly(later);
        Thread.ofVirtual().start(() -> later.complete(SubmitTaskResponse.ok("{\"id\":1}", "t-1")));

        assertThat(endpoint.submitTask(TestEndpoints.chat())).isEqualTo(SubmitTaskResponse.ok("{\"id\":1}", "t-1"));
        assertThat(endpoint.submitStreamingTask(TestEndpoints.chat(), "log-1").errorMessage()).isEqualTo("down: log-1");
        assertThat(endpoint.submitTaskAsyncIsNative()).isTrue();
        assertThat(endpoint.submitStreamingTaskAsyncIsNative()).isTrue();
    }

    @Test
    void aBlockingOnlyAdaptorAnswersThroughTheAsyncFormsOnAVirtualThread() throws Exception {
        BlockingOnly endpoint = new BlockingOnly(() -> SubmitTaskResponse.ok("{}", null));

        SubmitTaskResponse answer = endpoint.submitTaskAsync(TestEndpoints.chat()).toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo(SubmitTaskResponse.ok("{}", null));
        assertThat(endpoint.calledOn.isVirtual()).isTrue();
        assertThat(endpoint.calledOn).isNotSameAs(Thread.currentThread());
        assertThat(endpoint.calledOn.getName()).isEqualTo("adaptor-c-f-m");
        assertThat(endpoint.submitStreamingTaskAsync(TestEndpoints.chat(), "log-2").toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS).errorMessage()).isEqualTo("busy: log-2");
        assertThat(endpoint.submitTaskAsyncIsNative()).isFalse();
        assertThat(endpoint.submitStreamingTaskAsyncIsNative()).isFalse();
    }

    @Test
    void aBlockingFormsExceptionCompletesTheAsyncStageAsItself() throws Exception {
        IllegalStateException thrown = new IllegalStateException("backend said no");
        BlockingOnly endpoint = new BlockingOnly(() -> {
            throw thrown;
        });

        Throwable failure = endpoint.submitTaskAsync(TestEndpoints.chat())
                .handle((answer, error) -> error).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(failure).isSameAs(thrown);
    }

    @Test
    void anAsyncFormsExceptionIsThrownAsItselfByTheBlockingForm() {
        IllegalStateException thrown = new IllegalStateException("backend said no");

        assertThatThrownBy(() -> new AsyncOnly(CompletableFuture.failedFuture(thrown)).submitTask(TestEndpoints.chat()))
                .isSameAs(thrown);
        // A stage built with supplyAsync wraps what its function throws in a CompletionException: unwrapped too.
        CompletableFuture<SubmitTaskResponse> wrapped = CompletableFuture.supplyAsync(() -> {
            throw thrown;
        });
        assertThatThrownBy(() -> new AsyncOnly(wrapped).submitTask(TestEndpoints.chat())).isSameAs(thrown);
    }

    @Test
    void aCheckedExceptionFromTheAsyncFormIsWrappedOnce() {
        IOException thrown = new IOException("socket closed");

        assertThatThrownBy(() -> new AsyncOnly(CompletableFuture.failedFuture(thrown)).submitTask(TestEndpoints.chat()))
                .isInstanceOf(CompletionException.class).cause().isSameAs(thrown);
    }

    @Test
    void anInterruptedWaitCancelsTheStageAndKeepsTheInterrupt() {
        CompletableFuture<SubmitTaskResponse> never = new CompletableFuture<>();
        AsyncOnly endpoint = new AsyncOnly(never);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> endpoint.submitTask(TestEndpoints.chat()))
                .isInstanceOf(CancellationException.class)
                .hasMessage("Interrupted while waiting for " + AsyncOnly.class.getName() + ".submitTaskAsync");

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(never).isCancelled();
    }

    @Test
    void aStageThatWillNotConvertToAFutureIsStillWaitedFor() {
        // CompletionStage allows toCompletableFuture to refuse; the blocking form then waits through whenComplete.
        CompletableFuture<SubmitTaskResponse> unconvertible = new CompletableFuture<>() {
            @Override
            public CompletableFuture<SubmitTaskResponse> toCompletableFuture() {
                throw new UnsupportedOperationException("not interoperable");
            }
        };
        AsyncOnly endpoint = new AsyncOnly(unconvertible);
        Thread.ofVirtual().start(() -> unconvertible.complete(SubmitTaskResponse.error(504, "too slow")));

        assertThat(endpoint.submitTask(TestEndpoints.chat()).errorMessage()).isEqualTo("too slow");
    }
}
