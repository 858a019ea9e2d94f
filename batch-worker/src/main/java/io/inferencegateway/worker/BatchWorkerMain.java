package io.inferencegateway.worker;

import io.inferencegateway.config.Environment;
import io.inferencegateway.kafka.Topics;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code batch-worker}: runs one worker against the PostgreSQL and Kafka named in the environment. */
@Command(name = "batch-worker", mixinStandardHelpOptions = true,
        description = {"Runs batches from Kafka through the adaptors and keeps their state in PostgreSQL.",
                "PostgreSQL: GATEWAY_DB_URL, GATEWAY_DB_USER, GATEWAY_DB_PASSWORD. "
                        + "Kafka: GATEWAY_KAFKA_BOOTSTRAP_SERVERS.",
                "Worker: GATEWAY_WORKER_CONCURRENCY (lines in flight per endpoint, 32), GATEWAY_WORKER_MAX_ATTEMPTS (5), "
                        + "GATEWAY_WORKER_METRICS_PORT (9400, 0 = off), GATEWAY_WORKER_ID, GATEWAY_WORKER_STATE_DIR. "
                        + "Files: GATEWAY_FILE_STORAGE (as gateway-http)."})
public final class BatchWorkerMain implements Callable<Integer> {

    private final Environment env = Environment.system();

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cli = new CommandLine(this);
        var database = env.database(16).orElseThrow(() -> new CommandLine.ParameterException(cli,
                Environment.DB_URL + " is not set: name the PostgreSQL to use"));
        var kafka = env.kafka().orElseThrow(() -> new CommandLine.ParameterException(cli,
                Environment.KAFKA_BOOTSTRAP_SERVERS + " is not set: name the Kafka brokers, e.g. 127.0.0.1:9092"));
        BatchWorker worker = BatchWorker.start(database, kafka, Topics.defaults(), System::getenv);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "batch-worker-shutdown"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new BatchWorkerMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
