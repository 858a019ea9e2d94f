package io.inferencegateway.spi;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How each form of a {@link BaseEndpoint} submit method defaults to the other: the blocking form waits for the
 * asynchronous one, and the asynchronous form runs the blocking one on a virtual thread. Either way an adaptor's
 * exception comes out as itself, not wrapped, so the gateway maps it as it would from the adaptor's own form.
 */
final class FormBridge {

    private FormBridge() {
    }

    /**
     * Waits for {@code stage}. If the waiting thread is interrupted, the stage is cancelled (so an adaptor that
     * watches for cancellation can abort its backend call), the interrupt is kept, and a
     * {@link CancellationException} says what was abandoned.
     *
     * @param method what returned the stage, e.g. {@code com.example.Foo.submitTaskAsync}, for messages
     */
    static <T> T await(CompletionStage<T> stage, String method) {
        if (stage == null) {
            throw new NullPointerException(method + " returned null instead of a CompletionStage");
        }
        CompletableFuture<T> future = asFuture(stage);
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("Interrupted while waiting for " + method);
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    /**
     * Runs {@code blocking} on a new virtual thread named {@code threadName}; the stage completes with its value
     * or, exceptionally, with exactly what it threw.
     */
    static <T> CompletionStage<T> onVirtualThread(Supplier<T> blocking, String threadName) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name(threadName).start(() -> {
            try {
                result.complete(blocking.get());
            } catch (Throwable t) {
                // Errors too: otherwise the stage would never complete and its waiter would hang.
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** The stage as a future to wait on; a stage that will not convert is mirrored into one. */
    private static <T> CompletableFuture<T> asFuture(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            CompletableFuture<T> mirror = new CompletableFuture<>();
            stage.whenComplete((value, failure) -> {
                if (failure == null) {
                    mirror.complete(value);
                } else {
                    mirror.completeExceptionally(failure);
                }
            });
            return mirror;
        }
    }

    /**
     * The adaptor's own exception, with the wrappers of {@link CompletableFuture} taken off; a checked one (which
     * only an asynchronous form can produce) is wrapped once in a {@link CompletionException}.
     */
    private static RuntimeException unchecked(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }
}
