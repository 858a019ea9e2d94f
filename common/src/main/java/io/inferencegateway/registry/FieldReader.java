package io.inferencegateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads typed fields of one fixture entry's {@code fields} object, failing with the file, entry and field. */
final class FieldReader {

    private final FixtureSource source;
    private final JsonNode fields;

    FieldReader(FixtureSource source, JsonNode fields) {
        this.source = source;
        this.fields = fields;
    }

    FixtureSource source() {
        return source;
    }

    String requiredString(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            throw FixtureException.at(source, name, "missing (a string is required)");
        }
        if (!node.isTextual()) {
            throw FixtureException.at(source, name, "must be a string, found " + describe(node));
        }
        if (node.asText().isBlank()) {
            throw FixtureException.at(source, name, "must not be empty");
        }
        return node.asText();
    }

    String optionalString(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw FixtureException.at(source, name, "must be a string, found " + describe(node));
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    List<String> stringList(String name, boolean required) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw FixtureException.at(source, name, "missing (a list of strings is required)");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw FixtureException.at(source, name, "must be a list of strings, found " + describe(node));
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw FixtureException.at(source, name + "[" + i + "]", "must be a non-empty string, found "
                        + describe(item));
            }
            values.add(item.asText());
        }
        return values;
    }

    int nonNegativeInt(String name, int defaultValue) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw FixtureException.at(source, name, "must be a whole number from 0 up, found " + describe(node));
        }
        return node.asInt();
    }

    ObjectNode config() {
        JsonNode node = fields.get("config");
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw FixtureException.at(source, "config", "must be a JSON object, found " + describe(node));
        }
        return (ObjectNode) node;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
