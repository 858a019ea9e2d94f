package io.inferencegateway.bench;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/bench --serve}: the stack the benchmark measures, started and left running so that a profiler, wrk or a
 * client can be pointed at it by hand. Prints every URL, the API key and each JVM's pid, then waits for Ctrl-C.
 */
final class ServeMode {

    private final StackSettings settings;

    ServeMode(StackSettings settings) {
        this.settings = settings;
    }

    void run(PrintStream out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (ChildProcesses tools = new ChildProcesses(); Stack stack = Stack.start(settings, tools)) {
            ChildJvm worker = stack.startWorker();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            out.println("gateway-http   " + stack.gatewayUrl() + "   (pid " + stack.gateway().pid() + ")");
            out.println("  /v1          " + stack.gatewayUrl() + "/v1/chat/completions");
            out.println("  FIRST        " + stack.gatewayUrl() + "/resource_server/" + BenchModels.CLUSTER + "/"
                    + BenchModels.FRAMEWORK + "/v1/chat/completions");
            out.println("API key        " + stack.apiKey());
            for (String model : new String[] {BenchModels.FAST, BenchModels.STREAM, BenchModels.SLOW}) {
                out.println("backend        " + stack.backendUrl(model) + "/chat/completions   (model " + model + ")");
            }
            out.println("bare proxy     " + stack.bareProxyUrl() + "   (forwards to model " + BenchModels.FAST + ")");
            out.println("batch worker   pid " + worker.pid());
            out.println("body           " + BenchModels.chatBody(BenchModels.FAST));
            out.println("Ctrl-C stops everything.");
            out.flush();
            stopped.await();
        }
    }
}
