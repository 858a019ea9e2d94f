package io.inferencegateway.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Maps and lists (as fabric8 keeps custom resources) as a Jackson tree, to navigate with {@code path()}. */
final class JsonTrees {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTrees() {
    }

    static JsonNode of(Object value) {
        return value == null ? MissingNode.getInstance() : MAPPER.valueToTree(value);
    }
}
