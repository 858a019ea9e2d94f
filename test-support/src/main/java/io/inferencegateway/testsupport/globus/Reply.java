package io.inferencegateway.testsupport.globus;

/**
 * How the fake answers for a task: pending for a number of polls (reported {@code running}), then a result or a
 * failure; or pending until the test settles it with {@link FakeGlobusCompute#complete} or
 * {@link FakeGlobusCompute#fail}.
 *
 * @param pendingPolls how many status answers report the task as still running first
 * @param result       the serialized result ({@link Results}), or null
 * @param exception    the traceback text of a failure, or null
 * @param runFor       how long the task runs before its result or failure is there (reported {@code running}
 *                     meanwhile), on top of {@code pendingPolls}
 */
public record Reply(int pendingPolls, String result, String exception, java.time.Duration runFor) {

    public Reply(int pendingPolls, String result, String exception) {
        this(pendingPolls, result, exception, java.time.Duration.ZERO);
    }

    public static Reply result(String serialized) {
        return new Reply(0, serialized, null);
    }

    public static Reply failure(String traceback) {
        return new Reply(0, null, traceback);
    }

    /** Stays pending until the test completes or fails it. */
    public static Reply pending() {
        return new Reply(Integer.MAX_VALUE, null, null);
    }

    public Reply afterPolls(int polls) {
        return new Reply(polls, result, exception, runFor);
    }

    /** The task runs this long (the function's own time) before it ends. */
    public Reply runningFor(java.time.Duration time) {
        return new Reply(pendingPolls, result, exception, time);
    }
}
