package io.inferencegateway.worker.supervision;

/**
 * A long-lived body of work on its own thread (a consumer's poll loop, the housekeeping loop): {@link #run()} returns
 * when {@link #close()} asks it to, and a return at any other time is a failure its {@link Supervisor} repairs.
 */
public interface Loop extends Runnable, AutoCloseable {

    /** Asks {@link #run()} to return and waits for it, within the loop's own grace period. */
    @Override
    void close();
}
