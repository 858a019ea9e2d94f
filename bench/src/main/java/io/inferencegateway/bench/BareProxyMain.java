package io.inferencegateway.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs {@link BareProxy} in a JVM of its own, as the benchmark runs the gateway, until stopped. */
@Command(name = "bare-proxy", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Forwards every POST to one URL on the gateway's HTTP stack, with none of its logic.")
public final class BareProxyMain implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--target", required = true, description = "The URL every request is forwarded to.")
    String target;

    @Override
    public Integer call() throws InterruptedException {
        BareProxy proxy = BareProxy.start(host, port, target);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "bare-proxy-shutdown"));
        System.out.println("Bare proxy listening on http://" + host + ":" + proxy.port() + " for " + target);
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new BareProxyMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
