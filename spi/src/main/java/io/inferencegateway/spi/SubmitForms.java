package io.inferencegateway.spi;

/**
 * Which forms of its submit methods an adaptor class implements itself. Each form defaults to the other, so an
 * adaptor that implements neither of a pair would call round in a circle on its first request; {@link #of} refuses
 * it when the adaptor is built instead.
 *
 * @param submitTaskAsync          whether the class overrides {@link BaseEndpoint#submitTaskAsync}
 * @param submitStreamingTaskAsync whether it overrides {@link BaseEndpoint#submitStreamingTaskAsync}
 */
record SubmitForms(boolean submitTaskAsync, boolean submitStreamingTaskAsync) {

    /** @throws AdaptorConfigException naming the class and both methods when it implements neither of a pair */
    static SubmitForms of(Class<? extends BaseEndpoint> type) {
        boolean task = overrides(type, "submitTask", TaskRequest.class);
        boolean taskAsync = overrides(type, "submitTaskAsync", TaskRequest.class);
        boolean streaming = overrides(type, "submitStreamingTask", TaskRequest.class, String.class);
        boolean streamingAsync = overrides(type, "submitStreamingTaskAsync", TaskRequest.class, String.class);
        if (!task && !taskAsync) {
            throw neither(type, "submitTask", "submitTaskAsync");
        }
        if (!streaming && !streamingAsync) {
            throw neither(type, "submitStreamingTask", "submitStreamingTaskAsync");
        }
        return new SubmitForms(taskAsync, streamingAsync);
    }

    /** Whether the most specific public {@code name(parameters)} of {@code type} is declared below BaseEndpoint. */
    private static boolean overrides(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters).getDeclaringClass() != BaseEndpoint.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("BaseEndpoint has no public " + name, e);
        }
    }

    private static AdaptorConfigException neither(Class<?> type, String blocking, String async) {
        return new AdaptorConfigException("endpoint_adapter", type.getName() + " implements neither " + blocking
                + " nor " + async + ": implement one of them (" + blocking + ", the blocking form, is the simple "
                + "one); each defaults to the other, so with neither a call would never return");
    }
}
