package io.inferencegateway.worker;

import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.capacity.BatchStarted;
import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.files.FileStorageSettings;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.FileStores;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.paths.BatchRoots;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.budget.PostgresCallBudget;
import io.inferencegateway.metrics.MicrometerAdaptorMetrics;
import io.inferencegateway.registry.DefinitionSync;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.config.BatchQueueBudget;
import io.inferencegateway.worker.config.SchedulingSettings;
import io.inferencegateway.worker.config.WorkerSettings;
import io.inferencegateway.worker.finish.Finalizer;
import io.inferencegateway.worker.finish.OutputFolders;
import io.inferencegateway.worker.housekeeping.LineRetention;
import io.inferencegateway.worker.housekeeping.NativePoller;
import io.inferencegateway.worker.housekeeping.Sweeper;
import io.inferencegateway.worker.kafka.DeadLetters;
import io.inferencegateway.worker.kafka.EventPublisher;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.kafka.ShareGroupSupport;
import io.inferencegateway.worker.kafka.SkippingDeserializer;
import io.inferencegateway.worker.kafka.WorkerKafka;
import io.inferencegateway.worker.lines.Endpoints;
import io.inferencegateway.worker.lines.LineConsumer;
import io.inferencegateway.worker.lines.LineExecutor;
import io.inferencegateway.worker.lines.LineResultWriter;
import io.inferencegateway.worker.metrics.MetricsServer;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.progress.ProgressRows;
import io.inferencegateway.worker.progress.ProgressStreams;
import io.inferencegateway.worker.schedule.CapacityBoard;
import io.inferencegateway.worker.schedule.CapacityExchange;
import io.inferencegateway.worker.schedule.Dispatcher;
import io.inferencegateway.worker.schedule.PartitionBacklog;
import io.inferencegateway.worker.store.BatchRows;
import io.inferencegateway.worker.store.DispatchRows;
import io.inferencegateway.worker.store.EnqueuedTokens;
import io.inferencegateway.worker.store.FinalizeRows;
import io.inferencegateway.worker.store.LineRows;
import io.inferencegateway.worker.store.RetentionRows;
import io.inferencegateway.worker.store.SweepRows;
import io.inferencegateway.worker.submit.BatchInput;
import io.inferencegateway.worker.submit.SubmissionConsumer;
import io.inferencegateway.worker.submit.SubmissionFailures;
import io.inferencegateway.worker.submit.SubmissionHandler;
import io.inferencegateway.worker.submit.TokenBudget;
import io.inferencegateway.worker.supervision.Supervisor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch-worker process: consumers of the submissions and lines topics, the progress stream, the finalizer, the
 * native-batch poller and housekeeping, all over the same PostgreSQL and Kafka as gateway-http. Workers share
 * nothing else, so starting more of them is how batch capacity grows.
 *
 * <p>Start order: the broker's abilities, topics and group settings, database, adaptors, producer, finalizer,
 * progress stream, then the supervised lanes (submissions, lines, housekeeping) and the operator port. {@link #close()}
 * stops them in reverse: in-flight lines get a grace period to finish, the rest go back to the share group.
 */
public final class BatchWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

    private final Deque<AutoCloseable> parts;
    private final AdaptorRegistry registry;
    private final WorkerMetrics metrics;
    private final MetricsServer metricsServer;
    private final Supervisor supervisor;
    private final String workerId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatchWorker(Deque<AutoCloseable> parts, AdaptorRegistry registry, WorkerMetrics metrics,
                        MetricsServer metricsServer, Supervisor supervisor, String workerId) {
        this.parts = parts;
        this.registry = registry;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.supervisor = supervisor;
        this.workerId = workerId;
    }

    /** A worker with settings from {@code environment} (see {@link WorkerSettings}). */
    public static BatchWorker start(DatabaseSettings databaseSettings, KafkaSettings kafka, Topics topics,
                                    Function<String, String> environment) {
        return start(databaseSettings, kafka, topics, environment, WorkerSettings.fromEnvironment(environment));
    }

    public static BatchWorker start(DatabaseSettings databaseSettings, KafkaSettings kafka, Topics topics,
                                    Function<String, String> environment, WorkerSettings settings) {
        return start(databaseSettings, kafka, topics, environment, settings,
                SchedulingSettings.fromEnvironment(environment));
    }

    public static BatchWorker start(DatabaseSettings databaseSettings, KafkaSettings kafka, Topics topics,
                                    Function<String, String> environment, WorkerSettings settings,
                                    SchedulingSettings scheduling) {
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        Duration linesRetention = LineRetention.fromEnvironment(environment);
        try {
            WorkerKafka clients = new WorkerKafka(kafka);
            Admin admin = push(parts, Admin.create(kafka.clientProperties("batch-worker-admin")));
            ShareGroupSupport.require(admin);
            List<String> created = topics.ensure(admin);
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
            clients.prepare(admin, topics, settings.linesGroup());

            Database database = push(parts, Database.open(databaseSettings, "batch-worker"));
            DefinitionSync sync = new DefinitionSync(database.dataSource(), environment);
            WorkerMetrics metrics = new WorkerMetrics();
            // Calls to rate-limited services (Globus Compute) are budgeted together with gateway-http and other workers.
            AdaptorRegistry registry = push(parts, sync.build(sync.stored(),
                    List.of(new PostgresCallBudget(database.dataSource()),
                            new MicrometerAdaptorMetrics(metrics.registry()))));
            FileStore files = FileStores.create(FileStorageSettings.from(environment), database.dataSource());

            RecordSender sender = push(parts, new RecordSender(clients.producer("batch-worker-" + settings.workerId())));
            RecordSender capacity = push(parts, new RecordSender(
                    clients.capacityProducer("batch-worker-capacity-" + settings.workerId())));
            EventPublisher events = new EventPublisher(sender, topics);
            BatchRows batchRows = new BatchRows(database.dataSource());
            BatchRepository repository = new BatchRepository(database.dataSource());
            LineRows lineRows = new LineRows(database.dataSource());
            Backoff backoff = new Backoff(settings.retryBase(), settings.retryCap());

            ScratchDirectory scratch = push(parts, ScratchDirectory.create(settings.stateDirectory(),
                    "batch-worker-scratch-"));
            BatchRoots roots = BatchRoots.fromEnvironment(environment);
            OutputFolders outputFolders = new OutputFolders(roots);
            Finalizer finalizer = push(parts, new Finalizer(new FinalizeRows(database.dataSource()), files, events,
                    metrics, settings.finalizeLease(), settings.cancelGrace(), scratch.path(), outputFolders));
            ProgressStreams progress = push(parts, ProgressStreams.start(kafka, topics,
                    settings.progressApplicationId(), settings.stateDirectory(), settings.workerId(),
                    new ProgressRows(database.dataSource()), finalizer::request, settings.progressInterval()));

            // Lines run on virtual threads shared by the lanes; the supervisor (closed first) stops the lanes before
            // these threads are shut down.
            ExecutorService lineThreads = Executors.newVirtualThreadPerTaskExecutor();
            parts.push(() -> shutDown(lineThreads));
            Supervisor supervisor = push(parts, new Supervisor(new Backoff(Duration.ofSeconds(1),
                    Duration.ofSeconds(30)), metrics.lanes()));

            SubmissionHandler handler = new SubmissionHandler(batchRows, repository, lineRows, registry,
                    new BatchInput(files, roots), outputFolders, events, new TokenBudget(
                            new EnqueuedTokens(database.dataSource()), BatchQueueBudget.fromEnvironment(environment)),
                    batchStarts(capacity, topics.capacity(), settings.workerId()));
            // Outlives each consumer the supervisor builds, so a batch that kills one is still counted.
            SubmissionFailures failures = new SubmissionFailures();
            supervisor.supervise("submissions", "batch-worker-submissions", () -> new SubmissionConsumer(
                    clients.consumer("batch-worker-submissions-" + settings.workerId(), settings.submissionsGroup(), 5),
                    topics.submissions(), handler, failures, backoff));

            Endpoints endpoints = new Endpoints(registry::endpoint, settings.concurrencyPerEndpoint(), backoff);
            CapacityBoard board = new CapacityBoard();
            supervisor.supervise("capacity", "batch-worker-capacity", () -> new CapacityExchange(
                    new KafkaConsumer<>(clients.reader("batch-worker-capacity-" + settings.workerId()),
                            new StringDeserializer(), SkippingDeserializer.of(CapacityMessage.class)),
                    topics.capacity(), capacity, settings.workerId(), endpoints, board));
            supervisor.supervise("scheduler", "batch-worker-scheduler", () -> new Dispatcher(scheduling,
                    new DispatchRows(database.dataSource()), registry, endpoints, sender, capacity, topics, board,
                    events, metrics, settings.workerId(), () -> new KafkaConsumer<>(
                            clients.reader("batch-worker-scheduler-" + settings.workerId()),
                            new StringDeserializer(), SkippingDeserializer.of(RecordedLines.class)),
                    PartitionBacklog.lagOf(admin, settings.linesGroup(), topics.lines())));
            DeadLetters deadLetters = new DeadLetters(sender, topics.lineDeadLetters(), metrics, settings.workerId());
            LineExecutor executor = new LineExecutor(settings.maxAttempts(), backoff, metrics);
            for (int i = 0; i < settings.lanes(); i++) {
                String name = "batch-worker-lines-" + i;
                supervisor.supervise("lines", name, () -> new LineConsumer(new KafkaShareConsumer<>(
                        clients.shareConsumer(name + "-" + settings.workerId(), settings.linesGroup(),
                                WorkerSettings.LINES_PER_LANE), new StringDeserializer(),
                        LineConsumer.values()),
                        topics.lines(), lineRows, endpoints, executor,
                        new LineResultWriter(lineRows, sender, topics, settings.workerId(), metrics, backoff),
                        deadLetters, lineThreads, metrics));
            }

            NativePoller poller = new NativePoller(new SweepRows(database.dataSource()), repository, registry, events,
                    settings.nativePollInterval());
            parts.push(poller::close);
            BacklogProbe backlog = new BacklogProbe(admin, topics, settings, metrics);
            LineRetention retention = new LineRetention(new RetentionRows(database.dataSource()), linesRetention,
                    metrics);
            supervisor.supervise("housekeeping", "batch-worker-sweeper", () -> new Sweeper(
                    new SweepRows(database.dataSource()), finalizer, poller, sender, topics, settings,
                    backlog::refresh, retention));

            WorkerReadiness readiness = new WorkerReadiness(supervisor, progress, database.dataSource(), admin);
            MetricsServer metricsServer = startMetrics(settings, metrics, readiness, environment);
            if (metricsServer != null) {
                // Closed first: probes see the worker gone before its lanes stop.
                push(parts, metricsServer);
            }

            LOG.info("batch-worker {} ready on {} with {} endpoints and {} lines lanes", settings.workerId(),
                    kafka.bootstrapServers(), registry.endpoints().size(), settings.lanes());
            return new BatchWorker(parts, registry, metrics, metricsServer, supervisor, settings.workerId());
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    /**
     * The metrics endpoint, or null when it is off. A port named in the environment must be free; the default port
     * being taken (another worker on this host) only costs this worker its metrics.
     */
    private static MetricsServer startMetrics(WorkerSettings settings, WorkerMetrics metrics,
                                              WorkerReadiness readiness, Function<String, String> environment) {
        if (settings.metricsPort() == 0) {
            return null;
        }
        try {
            return MetricsServer.start(settings.metricsHost(), Math.max(0, settings.metricsPort()), metrics,
                    readiness::problems);
        } catch (java.io.UncheckedIOException e) {
            if (environment.apply(WorkerSettings.METRICS_PORT) != null) {
                throw e;
            }
            LOG.warn("No metrics endpoint: {} (set {} to choose a port)", e.getMessage(), WorkerSettings.METRICS_PORT);
            return null;
        }
    }

    /**
     * Tells the scheduler of each batch put in progress here. Best effort: a start not told (Kafka unreachable) is
     * found at the leader's next periodic read of the batches in progress, so it never fails the submission.
     */
    private static Consumer<String> batchStarts(RecordSender capacity, String topic, String workerId) {
        return batchId -> {
            try {
                capacity.send(topic, workerId, new BatchStarted(workerId, System.currentTimeMillis(), batchId),
                        (metadata, e) -> {
                            if (e != null) {
                                LOG.debug("The start of batch {} was not told: {}", batchId, e.toString());
                            }
                        });
            } catch (RuntimeException e) {
                LOG.debug("The start of batch {} was not told: {}", batchId, e.toString());
            }
        };
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> parts, T part) {
        parts.push(part);
        return part;
    }

    private static void shutDown(ExecutorService threads) throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    public AdaptorRegistry registry() {
        return registry;
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    /** Why this worker runs short of its lanes; empty when every lane runs. */
    public List<String> laneProblems() {
        return supervisor.problems();
    }

    public String workerId() {
        return workerId;
    }

    /** The port of {@code /metrics}, or -1 when it is off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /** Stops consuming, lets in-flight lines finish or releases them, closes Streams and removes temporary state. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(parts);
            LOG.info("batch-worker {} stopped", workerId);
        }
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", part, e);
            }
        }
    }
}
