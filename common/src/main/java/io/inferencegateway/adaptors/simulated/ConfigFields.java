package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.inferencegateway.spi.AdaptorConfigException;
import java.util.Iterator;
import java.util.Set;

/** Reads typed values from an adaptor's {@code config} object, failing with the field's path. */
final class ConfigFields {

    private final JsonNode config;

    ConfigFields(JsonNode config) {
        if (config != null && !config.isNull() && !config.isObject()) {
            throw new AdaptorConfigException("config", "config must be a JSON object, found " + config);
        }
        this.config = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
    }

    /** Rejects keys outside {@code known}, so a misspelt setting fails at start-up instead of being ignored. */
    void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new AdaptorConfigException(path(name), path(name) + " is not a setting of this adaptor; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    long wholeNumber(String name, long defaultValue) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new AdaptorConfigException(path(name), path(name) + " must be a whole number, found " + node);
        }
        return node.asLong();
    }

    double number(String name, double defaultValue) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw new AdaptorConfigException(path(name), path(name) + " must be a number, found " + node);
        }
        return node.asDouble();
    }

    String string(String name, String defaultValue) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new AdaptorConfigException(path(name), path(name) + " must be a non-empty string, found " + node);
        }
        return node.asText();
    }

    /** The named object, or null when absent. */
    JsonNode object(String name) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new AdaptorConfigException(path(name), path(name) + " must be a JSON object, found " + node);
        }
        return node;
    }

    static String path(String name) {
        return "config." + name;
    }
}
