package io.inferencegateway.kafka;

import io.inferencegateway.config.Environment;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to reach Kafka.
 *
 * @param bootstrapServers comma-separated {@code host:port} list, e.g. {@code 127.0.0.1:9092}
 * @param clientIdPrefix   prefix of every client id this process uses, so broker logs and quotas name the process
 */
public record KafkaSettings(String bootstrapServers, String clientIdPrefix) {

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
        bootstrapServers = bootstrapServers.strip();
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("bootstrapServers is empty");
        }
        for (String server : bootstrapServers.split(",", -1)) {
            String entry = server.strip();
            if (!HOST_PORT.matcher(entry).matches() || !validPort(entry)) {
                throw new IllegalArgumentException(
                        "bootstrapServers must be host:port[,host:port...], got '" + bootstrapServers + "'");
            }
        }
        if (!CLIENT_ID.matcher(clientIdPrefix).matches()) {
            throw new IllegalArgumentException(
                    "clientIdPrefix may hold only letters, digits, '.', '_' and '-', got '" + clientIdPrefix + "'");
        }
    }

    /** Settings with the default client-id prefix {@code gateway}. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, "gateway");
    }

    /** The external Kafka, when {@code GATEWAY_KAFKA_BOOTSTRAP_SERVERS} is set. */
    public static Optional<KafkaSettings> fromEnvironment(Environment env) {
        return env.get(Environment.KAFKA_BOOTSTRAP_SERVERS).map(KafkaSettings::of);
    }

    /** The client id for one role of this process, e.g. {@code gateway-line-consumer}. */
    public String clientId(String role) {
        return clientIdPrefix + "-" + role;
    }

    /** The properties every client needs: where the brokers are and who is asking. */
    public Map<String, Object> clientProperties(String role) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.CLIENT_ID_CONFIG, clientId(role));
    }

    private static boolean validPort(String hostPort) {
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        return port >= 1 && port <= 65_535;
    }
}
