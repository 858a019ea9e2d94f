package io.inferencegateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the string values of an adaptor's {@code config} with
 * the process's environment, so one fixture serves a laptop and a docker-compose network alike. The stored
 * definitions keep the placeholders; each process resolves them with its own environment.
 */
public final class ConfigInterpolator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    public ConfigInterpolator(Function<String, String> environment) {
        this.environment = environment;
    }

    public static ConfigInterpolator ofSystemEnvironment() {
        Map<String, String> env = System.getenv();
        return new ConfigInterpolator(env::get);
    }

    /** The environment placeholders are resolved from, which adaptors also see through their context. */
    public Function<String, String> environment() {
        return environment;
    }

    /** A copy of {@code config} with every placeholder resolved. */
    public ObjectNode resolve(ObjectNode config, FixtureSource source) {
        ObjectNode copy = config.deepCopy();
        resolveIn(copy, "config", source);
        return copy;
    }

    private void resolveIn(JsonNode node, String path, FixtureSource source) {
        if (node instanceof ObjectNode object) {
            for (var it = object.fields(); it.hasNext(); ) {
                var field = it.next();
                String fieldPath = path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(substitute(field.getValue().asText(), fieldPath, source)));
                } else {
                    resolveIn(field.getValue(), fieldPath, source);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String itemPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(substitute(array.get(i).asText(), itemPath, source)));
                } else {
                    resolveIn(array.get(i), itemPath, source);
                }
            }
        }
    }

    private String substitute(String text, String path, FixtureSource source) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = environment.apply(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(2);
            }
            if (value == null) {
                throw FixtureException.at(source, path, "environment variable " + matcher.group(1)
                        + " is not set and the placeholder has no default (write ${" + matcher.group(1) + ":-value})");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
