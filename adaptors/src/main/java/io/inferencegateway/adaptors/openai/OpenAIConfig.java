package io.inferencegateway.adaptors.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.ConfigFields;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of one {@link OpenAICompatibleEndpoint}, read from its fixture {@code config}.
 *
 * @param endpoint       the endpoint's slug: what error messages name, since {@code apiUrl} is for the log only
 * @param apiUrl         base URL without trailing slashes, e.g. {@code http://host:8000/v1}
 * @param apiKey         Bearer key, or null to send no {@code Authorization} header
 * @param connectTimeout how long to wait for a TCP connection ({@code connect_timeout_seconds})
 * @param requestTimeout how long the backend may stay silent ({@code api_request_timeout}, FIRST's name)
 * @param maxConnections connection pool size per backend host ({@code max_connections})
 * @param routes         the route URLs, parsed once: parsing a URI on every request showed up in profiles
 */
record OpenAIConfig(String endpoint, String apiUrl, String apiKey, Duration connectTimeout, Duration requestTimeout,
                    int maxConnections, Map<String, URI> routes) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    static final int DEFAULT_MAX_CONNECTIONS = 256;

    /** The OpenAI routes a gateway forwards. */
    private static final List<String> ROUTES = List.of("chat/completions", "completions", "embeddings", "responses",
            "messages");

    static OpenAIConfig read(String endpoint, ObjectNode config, Function<String, String> environment) {
        ConfigFields fields = new ConfigFields(config, environment);
        String apiUrl = fields.httpUrl("api_url").toString().replaceAll("/+$", "");
        return new OpenAIConfig(endpoint, apiUrl, fields.secretFromEnvironment("api_key_env_name"),
                fields.positiveSeconds("connect_timeout_seconds", DEFAULT_CONNECT_TIMEOUT),
                fields.positiveSeconds("api_request_timeout", DEFAULT_REQUEST_TIMEOUT),
                fields.positiveInt("max_connections", DEFAULT_MAX_CONNECTIONS), parseRoutes(apiUrl));
    }

    /** Where a call to {@code openaiEndpoint} (e.g. {@code chat/completions}) goes. */
    URI urlFor(String openaiEndpoint) {
        URI known = routes.get(openaiEndpoint);
        return known != null ? known : URI.create(apiUrl + "/" + openaiEndpoint);
    }

    private static Map<String, URI> parseRoutes(String apiUrl) {
        Map<String, URI> routes = new HashMap<>();
        for (String route : ROUTES) {
            routes.put(route, URI.create(apiUrl + "/" + route));
        }
        return Map.copyOf(routes);
    }

    /**
     * The longest wait for response headers. The idle timeout normally ends a silent exchange first; this also
     * bounds a request queued behind a full connection pool and a backend that trickles its headers.
     */
    Duration headersDeadline() {
        return connectTimeout.plus(requestTimeout).plusSeconds(1);
    }

    @Override
    public String toString() {
        // Keep the key out of logs and exception messages.
        return "OpenAIConfig[endpoint=" + endpoint + ", apiUrl=" + apiUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxConnections=" + maxConnections + "]";
    }
}
