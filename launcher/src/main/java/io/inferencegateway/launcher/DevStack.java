package io.inferencegateway.launcher;

import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.embedded.simulated.SimulatedBackendServer;
import io.inferencegateway.gateway.GatewayApp;
import io.inferencegateway.gateway.GatewaySettings;
import io.inferencegateway.gateway.StartupOptions;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.worker.BatchWorker;
import io.inferencegateway.worker.WorkerSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;

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
     * @param runBase     where the run directory is created (e.g. {@code .run})
     * @param fixtures    directory with {@code clusters.json} and {@code endpoints.json}
     * @param devApiKey   the development key to register
     * @param backendPort port of the simulated backend, 0 for any free port
     */
    public static DevStack start(Path runBase, Path fixtures, GatewaySettings gatewaySettings, String devApiKey,
                                 int backendPort) {
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
            Function<String, String> environment = withOverrides(Map.of(
                    BACKEND_URL_VARIABLE, "http://127.0.0.1:" + backend.port(),
                    WorkerSettings.STATE_DIR, run.newSubdirectory("streams-").toString()));
            GatewayApp gateway = run.closeBeforeRemoval(GatewayApp.start(gatewaySettings,
                    postgres.join().settings(16), kafka.join().settings(),
                    new StartupOptions(Optional.of(fixtures), Optional.of(devApiKey), environment)));
            BatchWorker worker = run.closeBeforeRemoval(BatchWorker.start(postgres.join().settings(8),
                    kafka.join().settings(), Topics.defaults(), environment));
            return new DevStack(run, postgres.join(), kafka.join(), backend, gateway, worker);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /**
     * The process environment plus the launcher's own variables: the backend's address always comes from the
     * launcher (it started the backend), the rest only where the user set nothing.
     */
    private static Function<String, String> withOverrides(Map<String, String> launcherValues) {
        Map<String, String> env = System.getenv();
        return key -> key.equals(BACKEND_URL_VARIABLE) ? launcherValues.get(key)
                : env.getOrDefault(key, launcherValues.get(key));
    }

    /** Stops everything in reverse order of start and removes the run's files. */
    @Override
    public void close() {
        run.close();
    }
}
