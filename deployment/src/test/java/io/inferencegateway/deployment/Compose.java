package io.inferencegateway.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * docker-compose.yml as Compose sees it: anchors and merge keys resolved, then variables substituted from a given
 * shell/.env environment (empty by default: what `docker compose up` does on a host with no settings).
 */
final class Compose {

    static final String FILE = "docker-compose.yml";

    private final JsonNode raw;
    private final JsonNode resolved;

    private Compose(JsonNode raw, Map<String, String> environment) {
        this.raw = raw;
        this.resolved = interpolate(raw, environment);
    }

    /** The file with no variable set. */
    static Compose load() {
        return load(Map.of());
    }

    static Compose load(Map<String, String> environment) {
        return new Compose(Yaml.document(Repository.read(FILE), FILE), environment);
    }

    /** Before substitution: the text the file itself holds. */
    JsonNode raw() {
        return raw;
    }

    JsonNode root() {
        return resolved;
    }

    Set<String> serviceNames() {
        Set<String> names = new LinkedHashSet<>();
        resolved.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Service service(String name) {
        JsonNode service = resolved.path("services").path(name);
        if (!service.isObject()) {
            throw new AssertionError(FILE + " has no service '" + name + "'; it has " + serviceNames());
        }
        return new Service(name, service, raw.path("services").path(name));
    }

    List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (String name : serviceNames()) {
            services.add(service(name));
        }
        return services;
    }

    /** The variables the file substitutes ({@code ${NAME...}}), in the order they appear. */
    Set<String> substitutedVariables() {
        Set<String> names = new LinkedHashSet<>();
        collectVariables(raw, names);
        return names;
    }

    /** One service, resolved, with its raw (unsubstituted) counterpart. */
    record Service(String name, JsonNode node, JsonNode raw) {

        /** Its environment, from the mapping or the list form. */
        Map<String, String> environment() {
            return environmentOf(node.path("environment"));
        }

        Map<String, String> rawEnvironment() {
            return environmentOf(raw.path("environment"));
        }

        Optional<String> text(String field) {
            JsonNode value = node.path(field);
            return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
        }

        /** The command as a list of arguments (the string form split on spaces). */
        List<String> command() {
            return strings(node.path("command"));
        }

        /** Named things listed under {@code field}, in its list or mapping form (depends_on, secrets, ...). */
        Set<String> names(String field) {
            JsonNode value = node.path(field);
            Set<String> names = new LinkedHashSet<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    names.add(item.isObject() ? item.path("source").asText() : item.asText());
                }
            } else if (value.isObject()) {
                value.fieldNames().forEachRemaining(names::add);
            }
            return names;
        }

        List<String> healthcheckTest() {
            return strings(node.path("healthcheck").path("test"));
        }

        @Override
        public String toString() {
            return "service " + name;
        }
    }

    static List<String> strings(JsonNode value) {
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> items.add(item.asText()));
        } else if (value.isTextual()) {
            for (String part : value.asText().trim().split("\\s+")) {
                items.add(part);
            }
        }
        return items;
    }

    private static Map<String, String> environmentOf(JsonNode environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = environment.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                variables.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
            }
        } else if (environment.isArray()) {
            for (JsonNode item : environment) {
                String entry = item.asText();
                int equals = entry.indexOf('=');
                variables.put(equals < 0 ? entry : entry.substring(0, equals),
                        equals < 0 ? "" : entry.substring(equals + 1));
            }
        }
        return variables;
    }

    private static JsonNode interpolate(JsonNode node, Map<String, String> environment) {
        if (node.isTextual()) {
            return TextNode.valueOf(Interpolation.apply(node.asText(), environment));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(field -> copy.set(field.getKey(), interpolate(field.getValue(), environment)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> copy.add(interpolate(item, environment)));
            return copy;
        }
        return node;
    }

    private static void collectVariables(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            names.addAll(Interpolation.variables(node.asText()));
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectVariables(child, names));
        }
    }
}
