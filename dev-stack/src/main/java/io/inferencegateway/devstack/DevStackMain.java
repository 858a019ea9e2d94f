package io.inferencegateway.devstack;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.ApiKeys;
import io.inferencegateway.config.Environment;
import io.inferencegateway.gateway.GatewaySettings;
import io.inferencegateway.persistence.DatabaseSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/dev}: starts the whole gateway on embedded defaults and prints where to point a client. */
@Command(name = "bin/dev", mixinStandardHelpOptions = true,
        description = {"Runs the whole gateway on this machine: a real PostgreSQL and Kafka broker started in this "
                + "process, the simulated OpenAI-compatible backend, gateway-http and a batch worker, with the "
                + "fixtures loaded. Ctrl-C stops everything and removes the run's files.",
                "GATEWAY_DEV_API_KEY fixes the development key (igw- and 32 or more characters; otherwise one is "
                        + "generated); GATEWAY_KEY_HASH_SECRET fixes the secret keys are hashed under (otherwise one "
                        + "is generated, and printed for bin/admin). PostgreSQL's passwords are made for each run; "
                        + "the banner prints the gateway role's.",
                "Globus Auth is on when GATEWAY_GLOBUS_CLIENT_ID and GATEWAY_GLOBUS_CLIENT_SECRET are set, read "
                        + "with every other GATEWAY_GLOBUS_ variable as gateway-http reads them (docs/GLOBUS_AUTH.md); "
                        + "the banner says which authentication is on."})
public final class DevStackMain implements Callable<Integer> {

    private final Environment env = Environment.system();

    @Option(names = "--host", description = "Interface gateway-http listens on (env GATEWAY_HOST, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:GATEWAY_HOST:-127.0.0.1}")
    String host;

    @Option(names = "--port", description = "Port of gateway-http (env GATEWAY_PORT, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:GATEWAY_PORT:-8080}")
    int port;

    @Option(names = "--fixtures", description = "Directory with clusters.json and endpoints.json (default ${DEFAULT-VALUE}).",
            defaultValue = "${env:GATEWAY_FIXTURES:-fixtures}")
    Path fixtures;

    @Option(names = "--run-dir", description = "Where the database and broker files live while running (default ${DEFAULT-VALUE}).",
            defaultValue = ".run")
    Path runDir;

    @Option(names = "--backend-port", description = "Port of the simulated backend; 0 picks a free one (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int backendPort;

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        // Checked before anything starts: a key that could never authenticate, or a malformed Globus setting, stops
        // bin/dev here.
        DevStack.Keys keys = new DevStack.Keys(env.get(Environment.DEV_API_KEY).orElseGet(ApiKeys::generate),
                env.get(Environment.KEY_HASH_SECRET).orElseGet(ApiKeyHasher::generateSecret));
        ApiKeys.requireWellChosen(keys.apiKey(), Environment.DEV_API_KEY);
        ApiKeyHasher.requireStrong(keys.hashSecret());
        GatewaySettings settings = GatewaySettings.fromEnvironment(env, host, port,
                GatewaySettings.DEFAULT_MAX_REQUEST_BYTES);
        DevStack stack;
        try {
            stack = DevStack.start(runDir, fixtures, settings, keys, backendPort);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        printBanner(System.out, stack, settings, keys, Duration.ofNanos(System.nanoTime() - started));
        Thread.currentThread().join();
        return 0;
    }

    private void printBanner(PrintStream out, DevStack stack, GatewaySettings settings, DevStack.Keys keys,
                             Duration startup) {
        String base = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + stack.gateway().port();
        boolean ownSecret = env.get(Environment.KEY_HASH_SECRET).isPresent();
        out.printf("%nInference gateway ready in %.1f s%n", startup.toMillis() / 1000.0);
        out.printf("  OpenAI base URL:   %s/v1%n", base);
        out.printf("  FIRST routes:      %s/resource_server%n", base);
        out.printf("  API docs:          %s/docs and %s/resource_server/docs%n", base, base);
        out.printf("  Web console:       %s/console  (sign in with the API key below: it is an operator's)%n", base);
        out.printf("  API key:           %s%s%n", keys.apiKey(), env.get(Environment.DEV_API_KEY).isPresent()
                ? "  (from GATEWAY_DEV_API_KEY)" : "  (generated for this run)");
        out.printf("  Authentication:    %s%n", settings.authentication());
        out.printf("  Try:               curl -H \"Authorization: Bearer %s\" %s/resource_server/list-endpoints%n",
                keys.apiKey(), base);
        DatabaseSettings database = DevStack.database(stack.postgres(), 1);
        out.printf("  PostgreSQL:        %s (user %s, password %s)%n", database.jdbcUrl(), database.username(),
                database.password());
        out.printf("  Key hash secret:   %s%n", ownSecret ? "from GATEWAY_KEY_HASH_SECRET"
                : keys.hashSecret() + "  (generated for this run)");
        out.printf("  Kafka:             %s%n", stack.kafka().bootstrapServers());
        out.printf("  Simulated backend: %s%n", stack.backend().baseUrl());
        // gateway-admin must hash keys under the same secret as the gateway, or the keys it issues never work.
        out.printf("  Admin:             %s=%s %s=%s %s=%s%s bin/admin keys list%n", Environment.DB_URL,
                database.jdbcUrl(), Environment.DB_USER, database.username(), Environment.DB_PASSWORD,
                database.password(), ownSecret ? "" : " " + Environment.KEY_HASH_SECRET + "=" + keys.hashSecret());
        out.printf("Press Ctrl-C to stop.%n");
        out.flush();
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new DevStackMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("bin/dev could not start: " + e.getMessage());
            return 1;
        });
        int exitCode = cli.execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
