package io.inferencegateway.worker;

import io.inferencegateway.config.Environment;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.startup.StartupWait;
import io.inferencegateway.worker.config.WorkerSettings;
import io.inferencegateway.worker.kafka.ShareGroupSupport;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code batch-worker}: runs one worker against the PostgreSQL and Kafka named in the environment. */
@Command(name = "batch-worker", mixinStandardHelpOptions = true,
        description = {"Runs batches from Kafka through the adaptors and keeps their state in PostgreSQL.",
                "PostgreSQL: GATEWAY_DB_URL, GATEWAY_DB_USER, GATEWAY_DB_PASSWORD, GATEWAY_DB_POOL_SIZE (6). "
                        + "Kafka (4.2 or newer, share groups on): GATEWAY_KAFKA_BOOTSTRAP_SERVERS. Both are waited "
                        + "for at start, up to GATEWAY_STARTUP_TIMEOUT_SECONDS (120).",
                "Worker: GATEWAY_WORKER_CONCURRENCY (most lines in flight per endpoint, 32), GATEWAY_WORKER_MAX_ATTEMPTS (5), "
                        + "GATEWAY_WORKER_METRICS_HOST (127.0.0.1) and GATEWAY_WORKER_METRICS_PORT (9400, 0 = off) "
                        + "for /metrics, /health and /ready, GATEWAY_WORKER_ID, GATEWAY_WORKER_STATE_DIR, "
                        + "GATEWAY_WORKER_CANCEL_GRACE_SECONDS (120), "
                        + "GATEWAY_WORKER_LINES_RETENTION_DAYS (30, at least 7: days a batch's lines are kept after "
                        + "it ended; its files keep the answers). "
                        + "Files: GATEWAY_FILE_STORAGE (as gateway-http).",
                "FIRST-style paths: GATEWAY_BATCH_ROOTS and GATEWAY_BATCH_USER_ROOTS, as gateway-http's.",
                "Scheduling (one worker leads): GATEWAY_SCHEDULER_MODE (fair: deadlines first, users in turn, "
                        + "shared budgets, interactive first; fifo: submission order), "
                        + "GATEWAY_SCHEDULER_INTERACTIVE_RESERVE (1), GATEWAY_SCHEDULER_LATENCY_INFLATION (2.0).",
                "Batch queue budgets (estimated prompt tokens of active batches; unset = no limit): "
                        + "GATEWAY_BATCH_QUEUE_TOKENS_PER_MODEL, GATEWAY_BATCH_QUEUE_TOKENS_PER_USER. A batch that "
                        + "would pass one fails with token_limit_exceeded.",
                "Any GATEWAY_ variable NAME may be given as NAME_FILE, the path of a file holding its value."})
public final class BatchWorkerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWorkerMain.class);

    private final Environment env = Environment.system();

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cli = new CommandLine(this);
        var database = DatabaseSettings.fromEnvironment(env, WorkerSettings.DEFAULT_POOL_SIZE)
                .orElseThrow(() -> new CommandLine.ParameterException(cli,
                        Environment.DB_URL + " is not set: name the PostgreSQL to use"));
        var kafka = KafkaSettings.fromEnvironment(env).orElseThrow(() -> new CommandLine.ParameterException(cli,
                Environment.KAFKA_BOOTSTRAP_SERVERS + " is not set: name the Kafka brokers, e.g. 127.0.0.1:9092"));
        BatchWorker worker;
        try {
            StartupWait wait = StartupWait.fromEnvironment(env::value);
            wait.forDatabase(database);
            wait.forKafka(kafka);
            worker = BatchWorker.start(database, kafka, Topics.defaults(), env::value);
        } catch (StartupWait.NotReachable | ShareGroupSupport.UnsupportedBrokerException e) {
            LOG.error("batch-worker cannot start: {}", e.getMessage());
            return 1;
        }
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
