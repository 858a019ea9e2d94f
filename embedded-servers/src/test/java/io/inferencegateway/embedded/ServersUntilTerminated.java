package io.inferencegateway.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A child JVM for {@link SigtermCleanupTest}: starts both servers, says where they are, and waits to be killed. */
public final class ServersUntilTerminated {

    private ServersUntilTerminated() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunDirectory run = RunDirectory.create(Path.of(args[0]), "sigterm");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(run);
        EmbeddedKafka kafka = EmbeddedKafka.start(run);
        System.out.println("READY " + run.path() + " " + postgres.port() + " " + kafka.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
