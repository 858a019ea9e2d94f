package io.inferencegateway.gateway;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.User;
import io.inferencegateway.adaptors.globus.GlobusComputeSettings;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.config.Environment;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.batches.BatchRoutes;
import io.inferencegateway.gateway.batches.BatchService;
import io.inferencegateway.gateway.batches.BatchSettings;
import io.inferencegateway.gateway.batches.FirstBatchRoutes;
import io.inferencegateway.gateway.batches.InputFiles;
import io.inferencegateway.gateway.batches.KafkaBatchPublisher;
import io.inferencegateway.gateway.batches.OpenAiBatchRoutes;
import io.inferencegateway.files.FileStorageSettings;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.FileStores;
import io.inferencegateway.files.UploadSpool;
import io.inferencegateway.gateway.console.Console;
import io.inferencegateway.gateway.console.ConsoleSettings;
import io.inferencegateway.gateway.files.FilesRoutes;
import io.inferencegateway.gateway.files.UploadSettings;
import io.inferencegateway.gateway.first.FirstRoutes;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.gateway.inference.FederatedRouter;
import io.inferencegateway.gateway.inference.InferenceHandlers;
import io.inferencegateway.gateway.inference.InferenceService;
import io.inferencegateway.gateway.inference.InteractiveLoad;
import io.inferencegateway.gateway.inference.InteractiveLoadReporter;
import io.inferencegateway.gateway.inference.JobsCache;
import io.inferencegateway.gateway.inference.Maintenance;
import io.inferencegateway.gateway.inference.SseRelay;
import io.inferencegateway.gateway.inference.TargetResolver;
import io.inferencegateway.gateway.limits.LimitSettings;
import io.inferencegateway.gateway.limits.SharedUsageLimits;
import io.inferencegateway.gateway.limits.UsageLimits;
import io.inferencegateway.gateway.logs.LogSettings;
import io.inferencegateway.gateway.logs.LogWriter;
import io.inferencegateway.gateway.logs.RequestLogging;
import io.inferencegateway.gateway.metrics.GatewayMetrics;
import io.inferencegateway.gateway.metrics.MetricsServer;
import io.inferencegateway.gateway.metrics.MetricsSettings;
import io.inferencegateway.gateway.openai.OpenAiRoutes;
import io.inferencegateway.gateway.openapi.ApiDocsRoutes;
import io.inferencegateway.gateway.streaming.CallbackRelay;
import io.inferencegateway.gateway.streaming.StreamingRoutes;
import io.inferencegateway.gateway.validation.RequestParser;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.persistence.KeyHashSecret;
import io.inferencegateway.persistence.StoredApiKeys;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.budget.PostgresCallBudget;
import io.inferencegateway.metrics.MicrometerAdaptorMetrics;
import io.inferencegateway.registry.DefinitionSync;
import io.inferencegateway.registry.Definitions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway-http process: the database, the adaptors built from the stored definitions (refreshed from
 * fixtures first when asked), the shared usage limits, and the HTTP server. Closing it stops them in reverse.
 */
public final class GatewayApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

    private final Deque<AutoCloseable> resources;
    private final Database database;
    private final AdaptorRegistry registry;
    private final GatewayServer server;
    private final int metricsPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayApp(Deque<AutoCloseable> resources, Database database, AdaptorRegistry registry,
                       GatewayServer server, int metricsPort) {
        this.resources = resources;
        this.database = database;
        this.registry = registry;
        this.server = server;
        this.metricsPort = metricsPort;
    }

    /** Opens the database, loads fixtures and the development key if asked, builds the adaptors, serves. */
    public static GatewayApp start(GatewaySettings settings, DatabaseSettings databaseSettings, KafkaSettings kafka,
                                   StartupOptions options) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            Database database = opened(resources, Database.open(databaseSettings, "gateway-http"));
            checkKeyHashing(database, options.keyHasher());
            Topics topics = Topics.defaults();
            try (Admin admin = Admin.create(kafka.clientProperties("gateway-admin"))) {
                topics.ensure(admin);
            }
            DefinitionSync sync = new DefinitionSync(database.dataSource(), options.environment());
            Definitions definitions = options.fixtures().map(sync::loadFixtures).orElseGet(sync::stored);
            ConsoleSettings consoleSettings = ConsoleSettings.fromEnvironment(options.environment());
            // The development key is an operator's, so bin/dev's one key opens both views of the console.
            options.devApiKey().ifPresent(key -> new ApiKeyRepository(database.dataSource(), options.keyHasher())
                    .register(new User(StartupOptions.DEV_USER_ID, "Development user", "dev@localhost",
                            List.of(consoleSettings.adminGroup()), "localhost", "", "", "api_key"),
                            "development key", key));
            // Globus Compute streams come back through this replica's callback routes into this relay.
            CallbackRelay relay = new CallbackRelay();
            GatewayMetrics metrics = opened(resources, new GatewayMetrics());
            // Calls to rate-limited services (Globus Compute) are budgeted together with the other replicas and workers.
            AdaptorRegistry registry = opened(resources, sync.build(definitions,
                    List.of(relay, new PostgresCallBudget(database.dataSource()),
                            new MicrometerAdaptorMetrics(metrics.registry()))));

            Maintenance maintenance = Maintenance.parse(options.environment().apply(Maintenance.VARIABLE));
            SharedUsageLimits limits = opened(resources, new SharedUsageLimits(limitSettings(options), kafka,
                    topics.usage(), Clock.systemUTC()));
            AuthenticationFilter auth = new AuthenticationFilter(opened(resources,
                    Authenticators.forGateway(settings, registry, database.dataSource(), options.keyHasher())));
            JobsCache jobs = new JobsCache(Duration.ofSeconds(10));
            TargetResolver resolver = new TargetResolver(registry, maintenance);
            LogSettings logSettings = logSettings(options);
            LogWriter logWriter = opened(resources, LogWriter.start(database.dataSource(), logSettings));
            RequestLogging logging = new RequestLogging(logWriter, logSettings.maxTextLength() > 0);
            metrics.watchLogs(logWriter);
            metrics.watchUsageDrops(limits::droppedEvents);
            InteractiveLoad load = new InteractiveLoad();
            InteractiveLoadReporter loadReporter = opened(resources, new InteractiveLoadReporter(load, kafka,
                    topics.capacity(), "gateway-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
            metrics.watchLoadReportDrops(loadReporter::dropped);
            InferenceService service = new InferenceService(limits, new SseRelay(Duration.ofSeconds(1)),
                    logging::inferenceFinished, load);
            RequestParser parser = new RequestParser();
            FederatedRouter router = new FederatedRouter(registry, jobs, maintenance);
            InferenceHandlers inference = new InferenceHandlers(parser, resolver, router, limits, service);
            Readiness readiness = opened(resources, new Readiness(database.dataSource(), kafka));
            Console console = opened(resources, Console.start(new Console.Parts(consoleSettings, kafka, topics,
                    database.dataSource(), options.keyHasher(), registry, auth, jobs, maintenance, metrics, parser)));
            readiness.show("console_feed", console::feedUp);
            FileStorageSettings fileSettings = FileStorageSettings.from(options.environment());
            UploadSettings uploads = UploadSettings.fromEnvironment(options.environment());
            FileStore files = FileStores.create(fileSettings, database.dataSource(), uploadSpool(uploads,
                    databaseSettings));
            BatchRoutes batches = batchRoutes(resources, options, kafka, topics, database, files,
                    new BatchRouting(auth, limits, parser, resolver, router));
            MetricsSettings metricsSettings = MetricsSettings.fromEnvironment(options.environment());
            List<Routes> routes = new ArrayList<>(List.of(
                    new FirstRoutes(registry, auth, resolver, maintenance, jobs, inference, readiness::handle),
                    new OpenAiRoutes(registry, auth, inference),
                    new FilesRoutes(auth, files, fileSettings.uploadLimits(), uploads.perUser()), batches,
                    new StreamingRoutes(relay, streamingSecret(options)), new ApiDocsRoutes()));
            routes.addAll(console.routes());
            GatewayServer server = opened(resources, GatewayServer.start(settings, routes, logging, metrics,
                    metricsSettings));
            // Closed first: open console streams end, so stopping the server does not wait for them.
            resources.push(console::endStreams);
            int metricsPort = metricsSettings.separatePort()
                    ? opened(resources, MetricsServer.start(metricsSettings, metrics)).port() : server.port();
            LOG.info("gateway-http listening on http://{}:{}", settings.host(), server.port());
            return new GatewayApp(resources, database, registry, server, metricsPort);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Refuses another secret than the keys' own, and says how many keys still wait for their keyed hash. */
    private static void checkKeyHashing(Database database, ApiKeyHasher hasher) {
        KeyHashSecret.verify(database.dataSource(), hasher);
        long legacy = new StoredApiKeys(database.dataSource()).legacyHashedKeys();
        if (legacy > 0) {
            LOG.warn("{} active API key(s) are still stored as unkeyed SHA-256, from before keys were hashed under "
                    + "{}: each is rewritten at its next use. To be rid of them sooner, revoke the ones shown as "
                    + "'sha256' by 'gateway-admin keys list' and issue new keys.", legacy, ApiKeyHasher.VARIABLE);
        }
    }

    /** What batch routes share with the inference routes. */
    private record BatchRouting(AuthenticationFilter auth, UsageLimits limits, RequestParser parser,
                                TargetResolver resolver, FederatedRouter router) {
    }

    /** Batch intake: the repository, one idempotent producer for the whole process, and both families' routes. */
    private static BatchRoutes batchRoutes(Deque<AutoCloseable> resources, StartupOptions options, KafkaSettings kafka,
                                           Topics topics, Database database, FileStore fileStore,
                                           BatchRouting routing) {
        BatchSettings settings = BatchSettings.fromEnvironment(options.environment());
        BatchRepository repository = new BatchRepository(database.dataSource());
        KafkaBatchPublisher publisher = opened(resources, KafkaBatchPublisher.start(kafka, topics));
        BatchService service = new BatchService(repository, publisher, settings.maxActive(), Clock.systemUTC());
        InputFiles files = InputFiles.of(fileStore);
        return new BatchRoutes(
                new OpenAiBatchRoutes(routing.auth(), routing.limits(), routing.parser(), files, routing.router(),
                        repository, service),
                new FirstBatchRoutes(routing.auth(), routing.limits(), routing.parser(), routing.resolver(), settings,
                        files, repository, service));
    }

    /**
     * Uploads are received on disk, then copied into PostgreSQL by at most a quarter of the pool at once: the rest is
     * left to authentication and every other request, however many clients upload slowly.
     */
    private static UploadSpool uploadSpool(UploadSettings uploads, DatabaseSettings database) {
        try {
            return new UploadSpool(uploads.spoolDirectory(), Math.max(1, database.maxPoolSize() / 4),
                    Duration.ofSeconds(60));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot use " + uploads.spoolDirectory() + " ("
                    + UploadSettings.SPOOL_DIR + ") for uploads under way", e);
        }
    }

    private static Optional<String> streamingSecret(StartupOptions options) {
        String secret = options.environment().apply(GlobusComputeSettings.GLOBUS_COMPUTE_STREAMING_SECRET);
        return secret == null || secret.isBlank() ? Optional.empty() : Optional.of(secret.strip());
    }

    private static LimitSettings limitSettings(StartupOptions options) {
        return new LimitSettings(wholeNumber(options, LimitSettings.VARIABLE, 0));
    }

    /** Log text length from {@code GATEWAY_LOG_TEXT_LENGTH}: characters of prompt and result kept, 0 for none. */
    private static LogSettings logSettings(StartupOptions options) {
        return LogSettings.defaults().withMaxTextLength(wholeNumber(options, "GATEWAY_LOG_TEXT_LENGTH",
                LogSettings.defaults().maxTextLength()));
    }

    private static int wholeNumber(StartupOptions options, String name, int defaultValue) {
        return Environment.wholeNumber(options.environment(), name, defaultValue);
    }

    private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    public int port() {
        return server.port();
    }

    /** Every route gateway-http serves, {@code METHOD path}. */
    public List<String> routes() {
        return server.routes();
    }

    /** Where {@code GET /metrics} is served: {@link #port()}, or the port of its own when one is configured. */
    public int metricsPort() {
        return metricsPort;
    }

    public Database database() {
        return database;
    }

    public AdaptorRegistry registry() {
        return registry;
    }

    /** Stops serving, then closes everything else in reverse order of opening; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(resources);
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", resource, e);
            }
        }
    }
}
