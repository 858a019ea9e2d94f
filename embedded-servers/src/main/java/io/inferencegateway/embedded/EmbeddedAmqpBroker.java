package io.inferencegateway.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J, in memory) on a loopback port: what the tests and the
 * benchmark deliver Globus Compute's results through, as the service's RabbitMQ does. One user; queues are declared
 * by whoever publishes.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    private final SystemLauncher launcher;
    private final RunDirectory directory;
    private final int port;
    private final String username;
    private final String password;

    private EmbeddedAmqpBroker(SystemLauncher launcher, RunDirectory directory, int port, String username,
                               String password) {
        this.launcher = launcher;
        this.directory = directory;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** Starts a broker with one user, {@code username} / {@code password}. */
    public static EmbeddedAmqpBroker start(String username, String password) {
        RunDirectory directory = RunDirectory.create(Path.of(System.getProperty("java.io.tmpdir")), "amqp-broker-");
        int port = LoopbackPorts.free();
        try {
            Path config = directory.path().resolve("config.json");
            Files.writeString(config, """
                    {"name": "embedded", "modelVersion": "9.0",
                     "authenticationproviders": [{"name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                        "users": [{"name": "%s", "type": "managed", "password": "%s"}]}],
                     "ports": [{"name": "AMQP", "port": %d, "bindingAddress": "127.0.0.1",
                        "authenticationProvider": "plain", "protocols": ["AMQP_0_9_1"],
                        "virtualhostaliases": [{"name": "defaultAlias", "type": "defaultAlias"}]}],
                     "virtualhostnodes": [{"name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
                        "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"}]}
                    """.formatted(json(username), json(password), port));
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("type", "Memory");
            attributes.put("initialConfigurationLocation", config.toUri().toString());
            attributes.put("startupLoggedToSystemOut", false);
            attributes.put("context", Map.of("qpid.work_dir", directory.path().toString(),
                    "qpid.broker.startupLoggingEnabled", "false"));
            SystemLauncher launcher = new SystemLauncher();
            launcher.startup(attributes);
            return new EmbeddedAmqpBroker(launcher, directory, port, username, password);
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            directory.close();
            throw new IllegalStateException("The embedded AMQP broker did not start", e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code amqp://user:password@127.0.0.1:port}, the form Globus Compute hands out (there with amqps). */
    public String url() {
        return "amqp://" + URLEncoder.encode(username, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + host() + ":" + port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() {
        try {
            launcher.shutdown();
        } finally {
            directory.close();
        }
    }
}
