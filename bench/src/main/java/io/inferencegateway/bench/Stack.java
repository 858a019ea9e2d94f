package io.inferencegateway.bench;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.ApiKeys;
import io.inferencegateway.access.User;
import io.inferencegateway.config.Environment;
import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.PostgresLogin;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * The system under test. PostgreSQL and Kafka run in this JVM (they are the same for every figure); the simulated
 * backends, gateway-http and the batch workers are child JVMs, so each one's memory is its own. Everything is
 * registered with the run directory, whose close (or shutdown hook, on Ctrl-C) stops it all and removes the files.
 */
final class Stack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern BACKEND_READY = Pattern.compile("listening on http://[^\\s]+:(\\d+)/v1");
    private static final Pattern GATEWAY_READY = Pattern.compile("gateway-http listening on http://[^\\s]+:(\\d+)");
    private static final Pattern WORKER_READY = Pattern.compile("(?i)\\bready\\b");
    private static final Pattern BARE_PROXY_READY = Pattern.compile("Bare proxy listening on http://[^\\s]+:(\\d+)");

    private final RunDirectory run;
    private final StackSettings settings;
    private final EmbeddedPostgres postgres;
    private final EmbeddedKafka kafka;
    private final Map<String, ChildJvm> backends;
    private final Map<String, String> backendUrls;
    private final ChildJvm gateway;
    private final String gatewayUrl;
    private final ChildJvm bareProxy;
    private final String bareProxyUrl;
    private final String apiKey;
    private final String keyHashSecret;
    private final List<ChildJvm> workers = new ArrayList<>();
    /** Workers started so far, stopped ones included: each one's name and log are its own. */
    private int workersStarted;

    private Stack(RunDirectory run, StackSettings settings, EmbeddedPostgres postgres, EmbeddedKafka kafka,
                  Map<String, ChildJvm> backends, Map<String, String> backendUrls, ChildJvm gateway,
                  String gatewayUrl, ChildJvm bareProxy, String bareProxyUrl, String apiKey, String keyHashSecret) {
        this.run = run;
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
        this.backends = backends;
        this.backendUrls = backendUrls;
        this.gateway = gateway;
        this.gatewayUrl = gatewayUrl;
        this.bareProxy = bareProxy;
        this.bareProxyUrl = bareProxyUrl;
        this.apiKey = apiKey;
        this.keyHashSecret = keyHashSecret;
    }

    /**
     * Starts PostgreSQL, Kafka, the three backends, gateway-http and the bare proxy in front of the zero-latency
     * backend; workers come later, one by one.
     */
    static Stack start(StackSettings settings, ChildProcesses tools) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put(BenchModels.FAST, List.of("--latency-ms", "0",
                "--completion-tokens", "" + BenchModels.COMPLETION_TOKENS));
        options.put(BenchModels.STREAM, List.of("--ttft-ms", "" + BenchModels.STREAM_TTFT_MS,
                "--tokens-per-second", "" + BenchModels.STREAM_TOKENS_PER_SECOND,
                "--completion-tokens", "" + BenchModels.STREAM_TOKENS));
        options.put(BenchModels.SLOW, List.of("--latency-ms", "" + BenchModels.SLOW_LATENCY_MS,
                "--completion-tokens", "" + BenchModels.COMPLETION_TOKENS));
        return start(settings, tools, options, true, Map.of());
    }

    /**
     * Starts PostgreSQL, Kafka, one backend serving {@code model} with {@code backendOptions} (the simulated
     * backend's command line: slots, pace) and gateway-http in front of it, with no limit of active batches per user
     * (a scenario's batches may still be ending when the next one submits its own); no bare proxy. Workers come later.
     */
    static Stack startShared(StackSettings settings, ChildProcesses tools, String model, List<String> backendOptions) {
        return start(settings, tools, Map.of(model, backendOptions), false, Map.of(Environment.BATCH_MAX_ACTIVE, "0"));
    }

    /**
     * Starts PostgreSQL, Kafka and gateway-http with {@code fixtures} (written by the caller into the directory it
     * is given) and these variables besides the stack's: no backend of its own, no bare proxy.
     */
    static Stack startWith(StackSettings settings, ChildProcesses tools,
                           java.util.function.Function<Path, Path> fixtures, Map<String, String> gatewayVariables) {
        return start(settings, tools, Map.of(), false, gatewayVariables, fixtures);
    }

    private static Stack start(StackSettings settings, ChildProcesses tools, Map<String, List<String>> backendOptions,
                               boolean withBareProxy, Map<String, String> gatewayVariables) {
        return start(settings, tools, backendOptions, withBareProxy, gatewayVariables, null);
    }

    private static Stack start(StackSettings settings, ChildProcesses tools, Map<String, List<String>> backendOptions,
                               boolean withBareProxy, Map<String, String> gatewayVariables,
                               java.util.function.Function<Path, Path> fixtureWriter) {
        Path base = settings.classpaths().projectRoot().resolve(".run");
        RunDirectory.removeAbandoned(base, "bench");
        RunDirectory run = RunDirectory.create(base, "bench");
        try {
            CompletableFuture<EmbeddedPostgres> postgres;
            CompletableFuture<EmbeddedKafka> kafka;
            try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
                postgres = CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(run), starter);
                kafka = CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(run), starter);
            }
            Map<String, ChildJvm> backends = startBackends(run, settings, backendOptions);
            Map<String, String> backendUrls = new LinkedHashMap<>();
            backends.forEach((model, jvm) -> backendUrls.put(model,
                    "http://127.0.0.1:" + jvm.awaitReady(START_TIMEOUT).group(1) + "/v1"));
            String apiKey = ApiKeys.generate();
            Path fixtures = fixtureWriter != null ? fixtureWriter.apply(run.path().resolve("fixtures"))
                    : BenchFixtures.write(run.path().resolve("fixtures"), backendUrls);
            Map<String, String> environment = new LinkedHashMap<>(serverEnvironment(postgres.join(), kafka.join()));
            environment.put(Environment.FIXTURES, fixtures.toString());
            environment.put(Environment.DEV_API_KEY, apiKey);
            String keyHashSecret = ApiKeyHasher.generateSecret();
            environment.put(Environment.KEY_HASH_SECRET, keyHashSecret);
            environment.putAll(gatewayVariables);
            ChildJvm gateway = run.closeBeforeRemoval(ChildJvm.start(new JvmSpec("gateway", settings.gatewayHeap(),
                    settings.classpaths().of(Classpaths.GATEWAY), "io.inferencegateway.gateway.GatewayMain",
                    List.of("--host", "127.0.0.1", "--port", "0"), environment, GATEWAY_READY), run.path()));
            String gatewayUrl = "http://127.0.0.1:" + gateway.awaitReady(START_TIMEOUT).group(1);
            ChildJvm bareProxy = null;
            String bareProxyUrl = null;
            if (withBareProxy) {
                bareProxy = run.closeBeforeRemoval(ChildJvm.start(new JvmSpec("bare-proxy",
                        settings.gatewayHeap(), settings.classpaths().of(Classpaths.BENCH),
                        "io.inferencegateway.bench.BareProxyMain", List.of("--host", "127.0.0.1", "--port", "0",
                        "--target", backendUrls.get(BenchModels.FAST) + "/chat/completions"), Map.of(),
                        BARE_PROXY_READY), run.path()));
                bareProxyUrl = "http://127.0.0.1:" + bareProxy.awaitReady(START_TIMEOUT).group(1);
            }
            run.closeBeforeRemoval(tools);
            return new Stack(run, settings, postgres.join(), kafka.join(), backends, backendUrls, gateway, gatewayUrl,
                    bareProxy, bareProxyUrl, apiKey, keyHashSecret);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** The backends, started together; each is ready once its ready line matched. */
    private static Map<String, ChildJvm> startBackends(RunDirectory run, StackSettings settings,
                                                       Map<String, List<String>> options) {
        Map<String, ChildJvm> started = new LinkedHashMap<>();
        options.forEach((model, modelOptions) -> {
            List<String> arguments = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--model", model));
            arguments.addAll(modelOptions);
            started.put(model, run.closeBeforeRemoval(ChildJvm.start(new JvmSpec("backend-" + model,
                    settings.backendHeap(), settings.classpaths().of(Classpaths.BACKEND),
                    "io.inferencegateway.simulated.SimulatedBackendServer", arguments, Map.of(),
                    BACKEND_READY), run.path())));
        });
        return started;
    }

    private static Map<String, String> serverEnvironment(EmbeddedPostgres postgres, EmbeddedKafka kafka) {
        PostgresLogin database = postgres.login();
        return Map.of(Environment.DB_URL, database.jdbcUrl(),
                Environment.DB_USER, database.username(),
                Environment.DB_PASSWORD, database.password(),
                Environment.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    }

    /**
     * The processes the interactive measurements split their CPU time between: the machine runs nothing else of
     * the benchmark's while they run (the batch workers start later).
     */
    CpuGroups cpuGroups(ProcCpu cpu) {
        return new CpuGroups(cpu)
                .add(CpuGroups.GATEWAY, () -> LongStream.of(gateway.pid()))
                .add(CpuGroups.BARE_PROXY, () -> bareProxy == null ? LongStream.empty() : LongStream.of(bareProxy.pid()))
                .add(CpuGroups.BACKENDS, () -> backends.values().stream().mapToLong(ChildJvm::pid))
                .add(CpuGroups.POSTGRES, () -> postgres.serverPid().stream().flatMap(CpuGroups::withDescendants))
                .add(CpuGroups.WRK, () -> CpuGroups.childrenRunning("wrk"))
                .add(CpuGroups.BENCH_JVM, () -> LongStream.of(ProcessHandle.current().pid()));
    }

    /** Starts one more batch worker and waits until it says it is ready. */
    ChildJvm startWorker() {
        return startWorker(Map.of());
    }

    /** Starts one more batch worker with these variables besides the stack's (e.g. the scheduler's mode). */
    ChildJvm startWorker(Map<String, String> variables) {
        Map<String, String> environment = new LinkedHashMap<>(serverEnvironment(postgres, kafka));
        environment.put(StackSettings.WORKER_CONCURRENCY_VARIABLE, "" + settings.workerConcurrency());
        environment.putAll(variables);
        ChildJvm worker = run.closeBeforeRemoval(ChildJvm.start(new JvmSpec("worker-" + (++workersStarted),
                settings.workerHeap(), settings.classpaths().of(Classpaths.WORKER),
                "io.inferencegateway.worker.BatchWorkerMain", List.of(), environment, WORKER_READY), run.path()));
        worker.awaitReady(START_TIMEOUT);
        workers.add(worker);
        return worker;
    }

    /**
     * Stops every worker (SIGTERM, as an orchestrator would), so the next ones start with no state of theirs; returns
     * them, their logs complete.
     */
    List<ChildJvm> stopWorkers() {
        List<ChildJvm> stopped = List.copyOf(workers);
        for (ChildJvm worker : stopped) {
            worker.close();
            run.release(worker);
        }
        workers.clear();
        return stopped;
    }

    /**
     * Issues an API key to another user, as {@code gateway-admin keys create} does: in the gateway's database, hashed
     * under the gateway's secret.
     */
    String issueKey(String userId) {
        PostgresLogin login = postgres.login();
        try (Database database = Database.open(new DatabaseSettings(login.jdbcUrl(), login.username(),
                login.password(), 3), "bench-keys")) {
            User user = new User(userId, userId, userId + "@bench.localhost", List.of(), "bench.localhost", "", "",
                    "api_key");
            return new ApiKeyRepository(database.dataSource(), new ApiKeyHasher(keyHashSecret))
                    .create(user, "bench " + userId, null).key();
        }
    }

    /** The base URL of a model's own backend, ending in {@code /v1}. */
    String backendUrl(String model) {
        return backendUrls.get(model);
    }

    /** gateway-http's base URL, e.g. {@code http://127.0.0.1:41234}. */
    String gatewayUrl() {
        return gatewayUrl;
    }

    /** The bare proxy, which forwards every POST to the zero-latency backend's chat completions. */
    String bareProxyUrl() {
        return bareProxyUrl;
    }

    String apiKey() {
        return apiKey;
    }

    ChildJvm gateway() {
        return gateway;
    }

    StackSettings settings() {
        return settings;
    }

    /** Has {@code resource} (a process the run started) closed when the run ends, on Ctrl-C too; returns it. */
    <T extends AutoCloseable> T own(T resource) {
        return run.closeBeforeRemoval(resource);
    }

    /** A scratch directory that goes away with the run. */
    Path scratch(String name) {
        return run.newSubdirectory(name);
    }

    @Override
    public void close() {
        run.close();
    }
}
