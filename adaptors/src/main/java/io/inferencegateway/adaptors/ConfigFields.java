package io.inferencegateway.adaptors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.spi.AdaptorConfigException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of a built-in adaptor's {@code config} object; every failure is an {@link AdaptorConfigException}
 * whose field is {@code config.<name>}.
 *
 * <p>Numbers may also be given as strings, because {@code ${VAR}} placeholders in fixtures resolve to strings.
 */
public final class ConfigFields {

    private final ObjectNode config;
    private final Function<String, String> environment;

    /**
     * @param environment looks up environment variables (e.g. {@code System::getenv}); tests pass their own
     */
    public ConfigFields(ObjectNode config, Function<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    /** A non-empty string. */
    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw fail(name, "missing (a non-empty string is required)");
        }
        return value;
    }

    /** A string, or null when the field is absent, null or blank. */
    public String optionalString(String name) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw fail(name, "must be a string, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node.asText().isBlank() ? null : node.asText().strip();
    }

    /** A required absolute http or https URL. */
    public URI httpUrl(String name) {
        String text = requiredString(name);
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw fail(name, "not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw fail(name, "must be an http:// or https:// URL with a host, found \"" + text + "\"");
        }
        return uri;
    }

    /** A positive number of seconds (fractions allowed), or the default when absent. */
    public Duration positiveSeconds(String name, Duration defaultValue) {
        BigDecimal value = number(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw fail(name, "must be a positive number of seconds, found " + value.toPlainString());
        }
        Duration duration = Duration.ofMillis(value.movePointRight(3).longValue());
        if (duration.isZero()) {
            throw fail(name, "must be at least 0.001 seconds, found " + value.toPlainString());
        }
        return duration;
    }

    /** A positive whole number, or the default when absent. */
    public int positiveInt(String name, int defaultValue) {
        BigDecimal value = number(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw fail(name, "must be a positive whole number, found " + value.toPlainString());
        }
        return value.intValue();
    }

    /**
     * The secret held by the environment variable that field {@code name} names, or null when the field is
     * absent. Naming a variable that is unset or empty is an error: a missing key should stop start-up, not turn
     * into 401s from the backend later.
     */
    public String secretFromEnvironment(String name) {
        String variable = optionalString(name);
        if (variable == null) {
            return null;
        }
        String secret = environment.apply(variable);
        if (secret == null || secret.isBlank()) {
            throw fail(name, "names environment variable " + variable + ", which is not set or is empty");
        }
        return secret.strip();
    }

    /**
     * Settings of an endpoint that belong to the batch workers, not to its adaptor, so every adaptor accepts them:
     * {@code batch_concurrency} (the most lines a worker runs at once) and {@code metrics_url} (the backend's vLLM
     * metrics page, which the batch scheduler reads).
     */
    public static final Set<String> HOST_KEYS = Set.of("batch_concurrency", "metrics_url");

    /**
     * Rejects keys outside {@code known} (and {@link #HOST_KEYS}), so a misspelt setting fails at start-up instead of
     * being ignored.
     */
    public void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !HOST_KEYS.contains(name)) {
                throw fail(name, "is not a setting of this adaptor; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** A whole number, or the default when absent. */
    public long wholeNumber(String name, long defaultValue) {
        BigDecimal value = number(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.stripTrailingZeros().scale() > 0 || value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw fail(name, "must be a whole number, found " + value.toPlainString());
        }
        return value.longValue();
    }

    /** A number, or the default when absent. */
    public double number(String name, double defaultValue) {
        BigDecimal value = number(name);
        return value == null ? defaultValue : value.doubleValue();
    }

    /** A non-empty string, or the default when absent. */
    public String string(String name, String defaultValue) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw fail(name, "must be a non-empty string, found " + node);
        }
        return node.asText();
    }

    /** The named JSON object, or null when absent. */
    public JsonNode object(String name) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw fail(name, "must be a JSON object, found " + node);
        }
        return node;
    }

    /** The field path an error about {@code name} names, e.g. {@code config.models}. */
    public static String path(String name) {
        return "config." + name;
    }

    /** Seconds as people write them: {@code 10}, {@code 0.5}. */
    public static String inSeconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private BigDecimal number(String name) {
        JsonNode node = config.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                throw fail(name, "must be a number, found \"" + node.asText() + "\"");
            }
        }
        throw fail(name, "must be a number, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static AdaptorConfigException fail(String name, String problem) {
        // The registry prefixes the file, entry and field, so the message is only the problem.
        return new AdaptorConfigException(path(name), problem);
    }
}
