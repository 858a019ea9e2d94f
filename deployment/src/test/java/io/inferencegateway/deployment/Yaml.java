package io.inferencegateway.deployment;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML documents with Jackson's YAML dataformat, resolving what Compose files use and Jackson's tree model
 * leaves as text: anchors and aliases ({@code &app} / {@code *app}) and merge keys ({@code <<: *app}), with the
 * YAML 1.1 rule that keys written in the mapping win over merged ones.
 */
final class Yaml {

    private static final String MERGE_KEY = "<<";
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private Yaml() {
    }

    /** Every document of {@code text}, anchors resolved. */
    static List<JsonNode> documents(String text, String source) {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonNode document = new Reader(parser, source).value(token);
                if (document != null && !document.isNull()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + source + ": " + e.getMessage(), e);
        }
        return documents;
    }

    /** The one document of {@code text}. */
    static JsonNode document(String text, String source) {
        List<JsonNode> documents = documents(text, source);
        if (documents.size() != 1) {
            throw new AssertionError(source + " should hold one YAML document, holds " + documents.size());
        }
        return documents.getFirst();
    }

    private static final class Reader {

        private final YAMLParser parser;
        private final String source;
        private final Map<String, JsonNode> anchors = new HashMap<>();

        Reader(YAMLParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        JsonNode value(JsonToken token) throws IOException {
            if (parser.isCurrentAlias()) {
                JsonNode target = anchors.get(parser.getText());
                if (target == null) {
                    throw new AssertionError(source + ": alias *" + parser.getText() + " names no anchor");
                }
                return target.deepCopy();
            }
            // Jackson reports a node's anchor as its object id.
            Object anchor = parser.getObjectId();
            JsonNode node = switch (token) {
                case START_OBJECT -> object();
                case START_ARRAY -> array();
                case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
                case VALUE_TRUE, VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(parser.getBooleanValue());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDecimalValue());
                default -> TextNode.valueOf(parser.getText());
            };
            if (anchor != null) {
                anchors.put(anchor.toString(), node);
            }
            return node;
        }

        private ObjectNode object() throws IOException {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            List<ObjectNode> merged = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonNode value = value(parser.nextToken());
                if (MERGE_KEY.equals(name)) {
                    merged.addAll(mergeSources(value));
                } else {
                    object.set(name, value);
                }
            }
            for (ObjectNode source : merged) {
                Iterator<Map.Entry<String, JsonNode>> fields = source.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!object.has(field.getKey())) {
                        object.set(field.getKey(), field.getValue().deepCopy());
                    }
                }
            }
            return object;
        }

        private List<ObjectNode> mergeSources(JsonNode value) {
            List<ObjectNode> sources = new ArrayList<>();
            if (value instanceof ObjectNode object) {
                sources.add(object);
            } else if (value instanceof ArrayNode array) {
                // In a list, earlier mappings win over later ones.
                for (JsonNode item : array) {
                    sources.addAll(mergeSources(item));
                }
            } else {
                throw new AssertionError(source + ": a merge key (<<) must name a mapping, got " + value);
            }
            return sources;
        }

        private ArrayNode array() throws IOException {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                array.add(value(token));
            }
            return array;
        }
    }
}
