package io.inferencegateway.devstack;

import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.config.Environment;
import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.PostgresLogin;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.simulated.SimulatedBackendServer;
import io.inferencegateway.gateway.GatewayApp;
import io.inferencegateway.gateway.GatewaySettings;
import io.inferencegateway.gateway.StartupOptions;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.worker.BatchWorker;
import io.inferencegateway.worker.config.WorkerSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The whole system in one process, for trying it out: a real PostgreSQL and Kafka broker started here, the
 * simulated backend, gateway-http and a batch worker. Everything registers with the run directory, whose one
 * shutdown hook stops it all in reverse order and removes the files, so Ctrl-C leaves nothing behind.
 *
 * @param run       the temporary directory holding the database and broker files
 * @param postgres  the embedded PostgreSQL
 * @param kafka     the embedded Kafka broker
 * @param backend   the simulated OpenAI-compatible backend
 * @param gateway   gateway-http
 * @param worker    one batch worker
 */
public record DevStack(RunDirectory run, EmbeddedPostgres postgres, EmbeddedKafka kafka,
                       SimulatedBackendServer backend, GatewayApp gateway, BatchWorker worker) implements AutoCloseable {

    /** The name the fixtures use for the simulated backend's address. */
    public static final String BACKEND_URL_VARIABLE = "SIMULATED_BACKEND_URL";

    /**
     * The development key and the secret keys are hashed under, which gateway-http and any gateway-admin run
     * against this stack's database must share.
     */
    public record Keys(String apiKey, String hashSecret) {
    }

    /**
     * @param runBase     where the run directory is created (e.g. {@code .run})
     * @param fixtures    directory with {@code clusters.json} and {@code endpoints.json}
     * @param keys        the development key to register and the key hash secret
     * @param backendPort port of the simulated backend, 0 for any free port
     */
    public static DevStack start(Path runBase, Path fixtures, GatewaySettings gatewaySettings, Keys keys,
                                 int backendPort) {
        return start(runBase, fixtures, gatewaySettings, keys, backendPort, Map.of());
    }

    /**
     * As {@link #start(Path, Path, GatewaySettings, Keys, int)}, with {@code environment} given to gateway-http and
     * the worker over the process's own variables (e.g. {@code GATEWAY_BATCH_ROOTS} for a test's directory).
     */
    public static DevStack start(Path runBase, Path fixtures, GatewaySettings gatewaySettings, Keys keys,
                                 int backendPort, Map<String, String> environment) {
        return start(runBase, fixtures, gatewaySettings, keys, backendPort, environment, UnaryOperator.identity());
    }

    /**
     * As {@link #start(Path, Path, GatewaySettings, Keys, int, Map)}, the worker's settings (read from the
     * environment) changed by {@code worker} first: for tests, e.g. a shorter housekeeping interval.
     */
    static DevStack start(Path runBase, Path fixtures, GatewaySettings gatewaySettings, Keys keys, int backendPort,
                          Map<String, String> environment, UnaryOperator<WorkerSettings> worker) {
        RunDirectory.removeAbandoned(runBase, "dev-");
        RunDirectory run = RunDirectory.create(runBase, "dev-");
        try {
            // The two servers are independent and each takes seconds: start them side by side.
            CompletableFuture<EmbeddedPostgres> postgres;
            CompletableFuture<EmbeddedKafka> kafka;
            try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
                postgres = CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(run), starter);
                kafka = CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(run), starter);
            }
            SimulatedBackendServer backend = run.closeBeforeRemoval(
                    SimulatedBackendServer.start("127.0.0.1", backendPort, SimulatedSettings.DEFAULTS));
            // The fixtures append /v1 themselves; Kafka Streams' state stays inside the run directory.
            Map<String, String> fixed = new HashMap<>(environment);
            fixed.put(BACKEND_URL_VARIABLE, "http://127.0.0.1:" + backend.port());
            fixed.put(Environment.KEY_HASH_SECRET, keys.hashSecret());
            Function<String, String> processEnvironment = withOverrides(fixed,
                    Map.of(WorkerSettings.STATE_DIR, run.newSubdirectory("streams-").toString()));
            KafkaSettings broker = KafkaSettings.of(kafka.join().bootstrapServers());
            GatewayApp gateway = run.closeBeforeRemoval(GatewayApp.start(gatewaySettings,
                    database(postgres.join(), 16), broker,
                    new StartupOptions(Optional.of(fixtures), Optional.of(keys.apiKey()), processEnvironment)));
            BatchWorker batchWorker = run.closeBeforeRemoval(BatchWorker.start(database(postgres.join(), 8), broker,
                    Topics.defaults(), processEnvironment,
                    worker.apply(WorkerSettings.fromEnvironment(processEnvironment))));
            return new DevStack(run, postgres.join(), kafka.join(), backend, gateway, batchWorker);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /**
     * The process environment plus the launcher's own variables: {@code fixed} always come from the launcher (it
     * started the backend, and chose the secret from the environment already), {@code defaults} only where the
     * user set nothing.
     */
    private static Function<String, String> withOverrides(Map<String, String> fixed, Map<String, String> defaults) {
        Map<String, String> env = System.getenv();
        return key -> fixed.containsKey(key) ? fixed.get(key) : env.getOrDefault(key, defaults.get(key));
    }

    /** Stops everything in reverse order of start and removes the run's files. */
    /** The embedded server's gateway database as the processes' settings, with a pool of {@code poolSize}. */
    static DatabaseSettings database(EmbeddedPostgres postgres, int poolSize) {
        PostgresLogin login = postgres.login();
        return new DatabaseSettings(login.jdbcUrl(), login.username(), login.password(), poolSize);
    }

    @Override
    public void close() {
        run.close();
    }
}
