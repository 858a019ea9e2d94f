package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.spi.AdaptorConfigException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the simulated model behaves: its pace, its answer length, how often it fails and how much it serves at once.
 *
 * @param latencyMs           total time of a non-streaming answer, in milliseconds ({@code latency_ms})
 * @param timeToFirstTokenMs  delay before a stream's first token, in milliseconds ({@code time_to_first_token_ms})
 * @param tokensPerSecond     pace of a stream after its first token; 0 sends as fast as possible
 *                            ({@code tokens_per_second})
 * @param completionTokens    tokens in an answer when the request sets no {@code max_tokens}
 *                            ({@code completion_tokens})
 * @param errorRate           probability from 0 to 1 that a valid request fails ({@code error_rate})
 * @param errorStatus         HTTP status of those failures ({@code error_status})
 * @param embeddingDimensions length of an embedding when the request sets no {@code dimensions}
 *                            ({@code embedding_dimensions})
 * @param capacity            slots, waiting queue and slowdown under load ({@code slots}, {@code max_waiting},
 *                            {@code queue_full_status}, {@code step_slowdown}); see {@link CapacitySettings}
 */
public record SimulatedSettings(
        long latencyMs,
        long timeToFirstTokenMs,
        double tokensPerSecond,
        int completionTokens,
        double errorRate,
        int errorStatus,
        int embeddingDimensions,
        CapacitySettings capacity) {

    /** The largest answer or embedding the simulator builds, so one request cannot exhaust the heap. */
    public static final int MAX_TOKENS = 131_072;

    /** An instant, always successful model with 16-token answers and 16-dimensional embeddings. */
    public static final SimulatedSettings DEFAULTS = new SimulatedSettings(0, 0, 0, 16, 0, 500, 16);

    // batch_concurrency and metrics_url belong to the batch workers (ConfigFields.HOST_KEYS), not to the model.
    private static final Set<String> KEYS = Stream.concat(Stream.of("latency_ms", "time_to_first_token_ms",
            "tokens_per_second", "completion_tokens", "error_rate", "error_status", "embedding_dimensions"),
            CapacitySettings.KEYS.stream()).collect(Collectors.toUnmodifiableSet());

    /** Settings with unlimited capacity. */
    public SimulatedSettings(long latencyMs, long timeToFirstTokenMs, double tokensPerSecond, int completionTokens,
                             double errorRate, int errorStatus, int embeddingDimensions) {
        this(latencyMs, timeToFirstTokenMs, tokensPerSecond, completionTokens, errorRate, errorStatus,
                embeddingDimensions, CapacitySettings.UNLIMITED);
    }

    public SimulatedSettings {
        Objects.requireNonNull(capacity, "capacity");
        check(latencyMs >= 0, "latency_ms", "must be 0 or more, found " + latencyMs);
        check(timeToFirstTokenMs >= 0, "time_to_first_token_ms", "must be 0 or more, found " + timeToFirstTokenMs);
        // NaN fails every comparison, so it is rejected here too.
        check(tokensPerSecond >= 0 && tokensPerSecond <= 1_000_000, "tokens_per_second",
                "must be from 0 (as fast as possible) to 1000000, found " + tokensPerSecond);
        check(completionTokens >= 1 && completionTokens <= MAX_TOKENS, "completion_tokens",
                "must be from 1 to " + MAX_TOKENS + ", found " + completionTokens);
        check(errorRate >= 0 && errorRate <= 1, "error_rate", "must be from 0 to 1, found " + errorRate);
        check(errorStatus >= 400 && errorStatus <= 599, "error_status",
                "must be an HTTP error status from 400 to 599, found " + errorStatus);
        check(embeddingDimensions >= 1 && embeddingDimensions <= MAX_TOKENS, "embedding_dimensions",
                "must be from 1 to " + MAX_TOKENS + ", found " + embeddingDimensions);
    }

    /** Reads the settings from an adaptor's {@code config} object; absent keys keep their defaults. */
    public static SimulatedSettings fromConfig(JsonNode config) {
        if (config != null && !config.isNull() && !config.isObject()) {
            throw new AdaptorConfigException("config", "must be a JSON object, found " + config);
        }
        ConfigFields fields = new ConfigFields(config instanceof ObjectNode object ? object
                : JsonNodeFactory.instance.objectNode(), System::getenv);
        fields.rejectUnknown(KEYS);
        return new SimulatedSettings(
                fields.wholeNumber("latency_ms", DEFAULTS.latencyMs),
                fields.wholeNumber("time_to_first_token_ms", DEFAULTS.timeToFirstTokenMs),
                fields.number("tokens_per_second", DEFAULTS.tokensPerSecond),
                intValue(fields, "completion_tokens", DEFAULTS.completionTokens),
                fields.number("error_rate", DEFAULTS.errorRate),
                intValue(fields, "error_status", DEFAULTS.errorStatus),
                intValue(fields, "embedding_dimensions", DEFAULTS.embeddingDimensions),
                CapacitySettings.fromConfig(fields));
    }

    /** The same settings with another capacity. */
    public SimulatedSettings withCapacity(CapacitySettings newCapacity) {
        return new SimulatedSettings(latencyMs, timeToFirstTokenMs, tokensPerSecond, completionTokens, errorRate,
                errorStatus, embeddingDimensions, newCapacity);
    }

    /** Nanoseconds between two streamed tokens; 0 when the stream is unpaced. */
    public long tokenIntervalNanos() {
        return tokensPerSecond == 0 ? 0 : Math.round(1_000_000_000d / tokensPerSecond);
    }

    static int intValue(ConfigFields fields, String name, int defaultValue) {
        long value = fields.wholeNumber(name, defaultValue);
        // Out-of-int values are clamped so the range check above reports them with the field's name.
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static void check(boolean ok, String name, String problem) {
        if (!ok) {
            throw new AdaptorConfigException(ConfigFields.path(name), problem);
        }
    }
}
