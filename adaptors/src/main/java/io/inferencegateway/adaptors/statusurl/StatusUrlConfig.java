package io.inferencegateway.adaptors.statusurl;

import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.ClusterDefinition;
import java.time.Duration;
import java.util.function.Function;

/**
 * The settings of one {@link StatusUrlCluster}, read from its fixture {@code config}.
 *
 * @param statusUrl      where the status JSON is fetched
 * @param apiKey         Bearer key, or null to send no {@code Authorization} header
 * @param requestTimeout the longest a status request may take ({@code api_request_timeout})
 * @param framework      the framework every reported job is attributed to
 */
record StatusUrlConfig(String statusUrl, String apiKey, Duration requestTimeout, String framework) {

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static StatusUrlConfig read(ClusterDefinition definition, Function<String, String> environment) {
        ConfigFields fields = new ConfigFields(definition.config(), environment);
        String statusUrl = fields.httpUrl("status_url").toString();
        String apiKey = fields.secretFromEnvironment("api_key_env_name");
        Duration timeout = fields.positiveSeconds("api_request_timeout", DEFAULT_REQUEST_TIMEOUT);
        return new StatusUrlConfig(statusUrl, apiKey, timeout, framework(fields, definition));
    }

    private static String framework(ConfigFields fields, ClusterDefinition definition) {
        String framework = fields.optionalString("framework");
        if (framework == null) {
            if (definition.frameworks().isEmpty()) {
                throw new AdaptorConfigException("config.framework",
                        "missing, and the cluster lists no frameworks to default to");
            }
            return definition.frameworks().getFirst();
        }
        if (!definition.frameworks().isEmpty() && !definition.frameworks().contains(framework)) {
            // Jobs under another framework would never match the cluster's endpoints.
            throw new AdaptorConfigException("config.framework", "must be one of the cluster's frameworks "
                    + definition.frameworks() + ", found \"" + framework + "\"");
        }
        return framework;
    }

    @Override
    public String toString() {
        // Keep the key out of logs and exception messages.
        return "StatusUrlConfig[statusUrl=" + statusUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", requestTimeout=" + requestTimeout + ", framework=" + framework + "]";
    }
}
