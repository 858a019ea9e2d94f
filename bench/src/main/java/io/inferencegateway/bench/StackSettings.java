package io.inferencegateway.bench;

/**
 * What the stack is made of: where the modules' classpaths are, each child JVM's {@code -Xmx}, and the batch
 * workers' concurrency.
 */
record StackSettings(Classpaths classpaths, String gatewayHeap, String workerHeap, String backendHeap,
                     int workerConcurrency) {

    /** Lines a worker runs at once; set on every worker the benchmark starts. */
    static final String WORKER_CONCURRENCY_VARIABLE = "GATEWAY_WORKER_CONCURRENCY";
}
