package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Clusters under maintenance and the notice users see, FIRST's {@code MAINTENANCE_ERROR_NOTICES}: a JSON object
 * {@code {"cluster": "message"}} from the environment variable {@code GATEWAY_MAINTENANCE}.
 */
public final class Maintenance {

    public static final String VARIABLE = "GATEWAY_MAINTENANCE";

    private final Map<String, String> notices;

    public Maintenance(Map<String, String> notices) {
        this.notices = Map.copyOf(notices);
    }

    public static Maintenance none() {
        return new Maintenance(Map.of());
    }

    /** Parses the variable's value; an unparsable value is a start-up error, not a silent "no maintenance". */
    public static Maintenance parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(VARIABLE + " must be a JSON object {\"cluster\": \"message\"}: "
                    + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(VARIABLE + " must be a JSON object {\"cluster\": \"message\"}");
        }
        Map<String, String> notices = new LinkedHashMap<>();
        root.properties().forEach(entry -> notices.put(entry.getKey(), entry.getValue().isTextual()
                ? entry.getValue().asText() : "Cluster '" + entry.getKey() + "' is under maintenance."));
        return new Maintenance(notices);
    }

    /** The notice for a cluster under maintenance, or empty. */
    public Optional<String> notice(String cluster) {
        return Optional.ofNullable(notices.get(cluster));
    }
}
