package io.inferencegateway.startup;

import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up until PostgreSQL and Kafka answer, so that a process started before them (compose, a pod whose
 * database is still starting) comes up once they do instead of exiting at once. Each failed attempt is logged with
 * its reason; the wait doubles up to 5 s and gives up after {@code GATEWAY_STARTUP_TIMEOUT_SECONDS} (default 120).
 */
public final class StartupWait {

    public static final String TIMEOUT_VARIABLE = "GATEWAY_STARTUP_TIMEOUT_SECONDS";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);
    private static final long FIRST_DELAY_MS = 250;
    private static final long LONGEST_DELAY_MS = 5_000;
    /** How long one attempt may take: short, so that each failure is logged while the wait goes on. */
    private static final int ATTEMPT_MS = 2_000;

    private final Duration timeout;

    public StartupWait(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(TIMEOUT_VARIABLE + " must not be negative, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** The wait {@code GATEWAY_STARTUP_TIMEOUT_SECONDS} asks for (0: try once). */
    public static StartupWait fromEnvironment(Function<String, String> environment) {
        String value = environment.apply(TIMEOUT_VARIABLE);
        if (value == null || value.isBlank()) {
            return new StartupWait(DEFAULT_TIMEOUT);
        }
        try {
            return new StartupWait(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_VARIABLE + " must be a whole number of seconds, was '"
                    + value + "'");
        }
    }

    /** Returns once a connection to the database opens; throws {@link NotReachable} when the time is up. */
    public void forDatabase(DatabaseSettings database) {
        until("PostgreSQL at " + database.jdbcUrl(), () -> {
            Properties properties = new Properties();
            properties.setProperty("user", database.username());
            properties.setProperty("password", database.password());
            properties.setProperty("connectTimeout", Integer.toString(ATTEMPT_MS / 1_000));
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties)) {
                connection.isValid(ATTEMPT_MS / 1_000);
            }
        });
    }

    /** Returns once the Kafka cluster describes itself; throws {@link NotReachable} when the time is up. */
    public void forKafka(KafkaSettings kafka) {
        var properties = new java.util.HashMap<>(kafka.clientProperties("startup-check"));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ATTEMPT_MS);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ATTEMPT_MS);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        // One client for the whole wait: it keeps reconnecting on its own, and each attempt asks it once.
        Admin[] admin = {null};
        try {
            until("Kafka at " + kafka.bootstrapServers(), () -> {
                if (admin[0] == null) {
                    // Fails while the brokers' names do not resolve yet (a container still starting).
                    admin[0] = Admin.create(properties);
                }
                admin[0].describeCluster(new DescribeClusterOptions().timeoutMs(ATTEMPT_MS)).nodes()
                        .get(ATTEMPT_MS + 1_000, TimeUnit.MILLISECONDS);
            });
        } finally {
            if (admin[0] != null) {
                admin[0].close(Duration.ofSeconds(1));
            }
        }
    }

    /** One thing to wait for. */
    interface Probe {
        void check() throws Exception;
    }

    void until(String what, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long delay = FIRST_DELAY_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                probe.check();
                if (attempt > 1) {
                    LOG.info("{} answered after {} attempts", what, attempt);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReachable(what + ": interrupted while waiting", e);
            } catch (Exception e) {
                String reason = reason(e);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new NotReachable(what + " did not answer within " + timeout.toSeconds() + " s ("
                            + TIMEOUT_VARIABLE + "); last error: " + reason, e);
                }
                LOG.warn("Waiting for {} (attempt {}, next in {} ms, giving up in {} s): {}", what, attempt, delay,
                        TimeUnit.NANOSECONDS.toSeconds(left), reason);
                try {
                    TimeUnit.MILLISECONDS.sleep(Math.min(delay, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new NotReachable(what + ": interrupted while waiting", interrupted);
                }
                delay = Math.min(LONGEST_DELAY_MS, delay * 2);
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst()
                .orElse(""));
    }

    /** A service the process needs did not answer in time. */
    public static final class NotReachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
