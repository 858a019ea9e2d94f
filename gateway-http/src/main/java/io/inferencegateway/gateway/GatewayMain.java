package io.inferencegateway.gateway;

import io.inferencegateway.config.Environment;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.startup.StartupWait;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code gateway-http}: runs the HTTP front end against an external PostgreSQL (and, for batches, Kafka). */
@Command(name = "gateway-http", mixinStandardHelpOptions = true,
        description = {"Serves FIRST's and OpenAI's routes through the adaptors defined in PostgreSQL.",
                "PostgreSQL: GATEWAY_DB_URL, GATEWAY_DB_USER, GATEWAY_DB_PASSWORD, GATEWAY_DB_POOL_SIZE (16). "
                        + "Kafka: GATEWAY_KAFKA_BOOTSTRAP_SERVERS. Both are waited for at start, up to "
                        + "GATEWAY_STARTUP_TIMEOUT_SECONDS (120).",
                "Any GATEWAY_ variable NAME may be given as NAME_FILE, the path of a file holding its value.",
                "Limits: GATEWAY_RATE_LIMIT_PER_SEC (requests per second per user, 0 = off). Maintenance:",
                "GATEWAY_MAINTENANCE, a JSON object {\"cluster\": \"notice\"}. Log text: GATEWAY_LOG_TEXT_LENGTH.",
                "Batches: GATEWAY_BATCH_ROOTS (':'-separated directories FIRST-style batches may read and write; "
                        + "{user} as a name makes one each user's own; unset, only uploaded files can be batched), "
                        + "GATEWAY_BATCH_USER_ROOTS (JSON {\"user id\": \"/dir:/dir\"}: more roots per user), "
                        + "GATEWAY_BATCH_MAX_ACTIVE (unfinished batches per user, default 2, 0 = no limit).",
                "Files: GATEWAY_FILE_STORAGE (postgres, the default, or directory:/some/path); uploads up to",
                "GATEWAY_FILE_MAX_BYTES and GATEWAY_FILE_MAX_LINES (default 200 MB and 50,000 lines).",
                "Metrics: GET /metrics is served beside the API unless GATEWAY_METRICS_PORT gives it a port of its "
                        + "own (on GATEWAY_METRICS_HOST, default 127.0.0.1; 0 picks a free port); "
                        + "GATEWAY_METRICS_TOKEN (16 characters or more) makes every scrape present it as a Bearer "
                        + "token.",
                "Web console at /console: members of GATEWAY_CONSOLE_ADMIN_GROUP (an API key's group, or a Globus "
                        + "group id; default gateway-admins) see the operator's pages and manage keys there; the "
                        + "GATEWAY_DEV_API_KEY key is one.",
                "Slow clients: a request's line and headers must arrive within 10 s, and its body may pause 10 s "
                        + "at most; then the connection is closed.",
                "API keys are stored as HMAC-SHA-256 under GATEWAY_KEY_HASH_SECRET (required, 32 or more random "
                        + "characters, the same for every gateway-http and gateway-admin of a deployment; a process "
                        + "with another secret than the stored keys' refuses to start). GATEWAY_DEV_API_KEY, if set, "
                        + "is registered at start: igw- and 32 or more characters.",
                "Callers present gateway API keys (igw-...); when GATEWAY_GLOBUS_CLIENT_ID and "
                        + "GATEWAY_GLOBUS_CLIENT_SECRET are set, any other Bearer token is checked with Globus Auth "
                        + "(see also GATEWAY_GLOBUS_AUTH_URL and GATEWAY_GLOBUS_GROUPS_URL). Who may sign in, as FIRST's "
                        + "settings of the same meaning: GATEWAY_GLOBUS_ALLOWED_DOMAINS, GATEWAY_GLOBUS_POLICIES, "
                        + "GATEWAY_GLOBUS_GROUPS, GATEWAY_GLOBUS_GROUPS_PER_IDP, GATEWAY_GLOBUS_SERVICE_USERNAMES "
                        + "(docs/GLOBUS_AUTH.md)."})
public final class GatewayMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private final Environment env = Environment.system();

    @Option(names = "--host", description = "Interface to listen on (env GATEWAY_HOST, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:GATEWAY_HOST:-127.0.0.1}")
    String host;

    @Option(names = "--port", description = "Port to listen on (env GATEWAY_PORT, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:GATEWAY_PORT:-8080}")
    int port;

    @Option(names = "--fixtures", description = "Directory with clusters.json and endpoints.json to load into "
            + "the database at start (env GATEWAY_FIXTURES). Without it, the stored definitions are served.",
            defaultValue = "${env:GATEWAY_FIXTURES}")
    Path fixtures;

    @Option(names = "--max-request-bytes", description = "Largest request body accepted (default ${DEFAULT-VALUE}).",
            defaultValue = "" + GatewaySettings.DEFAULT_MAX_REQUEST_BYTES)
    long maxRequestBytes;

    @Override
    public Integer call() throws InterruptedException {
        DatabaseSettings database = DatabaseSettings.fromEnvironment(env, Environment.GATEWAY_POOL_SIZE)
                .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this), Environment.DB_URL
                        + " is not set: name the PostgreSQL to use, e.g. jdbc:postgresql://127.0.0.1:5432/gateway"));
        var kafka = KafkaSettings.fromEnvironment(env)
                .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                        Environment.KAFKA_BOOTSTRAP_SERVERS
                                + " is not set: name the Kafka brokers, e.g. 127.0.0.1:9092"));
        GatewaySettings settings;
        StartupOptions options;
        try {
            settings = GatewaySettings.fromEnvironment(env, host, port, maxRequestBytes);
            // Checked before waiting for anything: Globus settings, the key hash secret, a development key that works.
            options = new StartupOptions(Optional.ofNullable(fixtures), env.get(Environment.DEV_API_KEY), env::value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
        }
        GatewayApp app;
        try {
            StartupWait wait = StartupWait.fromEnvironment(env::value);
            wait.forDatabase(database);
            wait.forKafka(kafka);
            app = GatewayApp.start(settings, database, kafka, options);
        } catch (StartupWait.NotReachable e) {
            LOG.error("gateway-http cannot start: {}", e.getMessage());
            return 1;
        }
        // SIGTERM and Ctrl-C stop the server cleanly; the main thread just waits for that.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "gateway-http-shutdown"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new GatewayMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
