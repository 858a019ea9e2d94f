package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The process-wide Globus Compute settings, read from the environment once.
 *
 * @param apiUrl           Globus Compute's base URL ({@code GATEWAY_GLOBUS_COMPUTE_API_URL})
 * @param authUrl          Globus Auth's base URL ({@code GATEWAY_GLOBUS_COMPUTE_AUTH_URL})
 * @param defaultClient    the client tasks are submitted as, unless overridden for the endpoint; may be null
 * @param overrides        clients by endpoint UUID (lower-case)
 * @param callbackBase     this replica's base URL for the remote function's streaming callbacks; empty disables
 *                         streaming
 * @param pollInterval     pause between two rounds of the shared task poller
 * @param maxRequests      calls per client per {@code rateWindow}; Globus Compute allows 20 per 10 s
 * @param rateWindow       the rate limit's window
 * @param results          how results come back: pushed over AMQP (with polling as the fallback), or polled only
 * @param amqpPort         the port for the results broker instead of the one its URL names (FIRST uses 443)
 */
public record GlobusComputeSettings(URI apiUrl, URI authUrl, Credentials defaultClient,
                                    Map<String, Credentials> overrides, Optional<URI> callbackBase,
                                    Duration pollInterval, int maxRequests, Duration rateWindow,
                                    ResultRoute results, Optional<Integer> amqpPort) {

    /** How task results reach the gateway. */
    public enum ResultRoute {
        /** Globus Compute puts them on the task group's AMQP queue ({@code create_queue: true}); REST when unreachable. */
        AMQP,
        /** {@code POST /v2/batch_status} only. */
        POLLING
    }

    /** The variables these settings come from (FIRST's SERVICE_ACCOUNT_ID and _SECRET are the client's). */
    public static final String GLOBUS_COMPUTE_CLIENT_ID = "GATEWAY_GLOBUS_COMPUTE_CLIENT_ID";
    public static final String GLOBUS_COMPUTE_CLIENT_SECRET = "GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET";
    public static final String GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES = "GATEWAY_GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES";
    public static final String GLOBUS_COMPUTE_CALLBACK_URL = "GATEWAY_GLOBUS_COMPUTE_CALLBACK_URL";
    public static final String GLOBUS_COMPUTE_STREAMING_SECRET = "GATEWAY_GLOBUS_COMPUTE_STREAMING_SECRET";
    public static final String GLOBUS_COMPUTE_API_URL = "GATEWAY_GLOBUS_COMPUTE_API_URL";
    public static final String GLOBUS_COMPUTE_AUTH_URL = "GATEWAY_GLOBUS_COMPUTE_AUTH_URL";
    public static final String GLOBUS_COMPUTE_POLL_INTERVAL_MS = "GATEWAY_GLOBUS_COMPUTE_POLL_INTERVAL_MS";
    public static final String GLOBUS_COMPUTE_RESULTS = "GATEWAY_GLOBUS_COMPUTE_RESULTS";
    public static final String GLOBUS_COMPUTE_AMQP_PORT = "GATEWAY_GLOBUS_COMPUTE_AMQP_PORT";
    public static final String GLOBUS_COMPUTE_RATE_LIMIT = "GATEWAY_GLOBUS_COMPUTE_RATE_LIMIT";

    public static final String PRODUCTION_API_URL = "https://compute.api.globus.org";
    public static final String PRODUCTION_AUTH_URL = "https://auth.globus.org";

    public GlobusComputeSettings {
        overrides = Map.copyOf(overrides);
    }

    /** Reads the settings; an unusable value fails with the variable's name. */
    public static GlobusComputeSettings read(Function<String, String> environment) {
        Variables env = new Variables(variables(environment));
        URI api = httpUrl(env, GLOBUS_COMPUTE_API_URL, PRODUCTION_API_URL);
        URI auth = httpUrl(env, GLOBUS_COMPUTE_AUTH_URL, PRODUCTION_AUTH_URL);
        Optional<String> id = env.get(GLOBUS_COMPUTE_CLIENT_ID);
        Optional<String> secret = env.get(GLOBUS_COMPUTE_CLIENT_SECRET);
        if (id.isPresent() != secret.isPresent()) {
            throw fail(id.isPresent() ? GLOBUS_COMPUTE_CLIENT_SECRET : GLOBUS_COMPUTE_CLIENT_ID,
                    "must be set together with " + (id.isPresent() ? GLOBUS_COMPUTE_CLIENT_ID
                            : GLOBUS_COMPUTE_CLIENT_SECRET));
        }
        Credentials client = id.map(value -> new Credentials(value, secret.orElseThrow())).orElse(null);
        Optional<URI> callback = env.get(GLOBUS_COMPUTE_CALLBACK_URL)
                .map(value -> callbackBase(value));
        int pollMillis;
        try {
            pollMillis = env.intValue(GLOBUS_COMPUTE_POLL_INTERVAL_MS, 1000);
        } catch (IllegalArgumentException e) {
            throw fail(GLOBUS_COMPUTE_POLL_INTERVAL_MS, "must be a whole number of milliseconds");
        }
        if (pollMillis < 1) {
            throw fail(GLOBUS_COMPUTE_POLL_INTERVAL_MS, "must be at least 1");
        }
        ResultRoute results = switch (env.get(GLOBUS_COMPUTE_RESULTS).orElse("amqp").toLowerCase(Locale.ROOT)) {
            case "amqp" -> ResultRoute.AMQP;
            case "polling" -> ResultRoute.POLLING;
            default -> throw fail(GLOBUS_COMPUTE_RESULTS, "must be amqp or polling");
        };
        Optional<Integer> amqpPort;
        try {
            amqpPort = env.get(GLOBUS_COMPUTE_AMQP_PORT).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw fail(GLOBUS_COMPUTE_AMQP_PORT, "must be a port number");
        }
        if (amqpPort.isPresent() && (amqpPort.get() < 1 || amqpPort.get() > 65_535)) {
            throw fail(GLOBUS_COMPUTE_AMQP_PORT, "must be a port from 1 to 65535");
        }
        int[] limit = rateLimit(env);
        return new GlobusComputeSettings(api, auth, client, overrides(env), callback, Duration.ofMillis(pollMillis),
                limit[0], Duration.ofSeconds(limit[1]), results, amqpPort);
    }

    /** {@code 20/10}: calls per client per that many seconds, Globus Compute's limit unless it changes. */
    private static int[] rateLimit(Variables env) {
        String text = env.get(GLOBUS_COMPUTE_RATE_LIMIT).orElse("20/10");
        String[] parts = text.split("/", -1);
        try {
            int calls = Integer.parseInt(parts[0].strip());
            int seconds = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : -1;
            if (calls >= 2 && seconds >= 1) {
                return new int[] {calls, seconds};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail(GLOBUS_COMPUTE_RATE_LIMIT, "must be CALLS/SECONDS with at least 2 calls and 1 second, e.g. 20/10,"
                + " found \"" + text + "\"");
    }

    /** The client for calls about {@code endpointUuid}: its override, else the default. */
    public Optional<Credentials> credentialsFor(String endpointUuid) {
        Credentials override = overrides.get(endpointUuid.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(override != null ? override : defaultClient);
    }

    private static Map<String, String> variables(Function<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {GLOBUS_COMPUTE_API_URL, GLOBUS_COMPUTE_AUTH_URL,
                GLOBUS_COMPUTE_CLIENT_ID, GLOBUS_COMPUTE_CLIENT_SECRET,
                GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES, GLOBUS_COMPUTE_CALLBACK_URL,
                GLOBUS_COMPUTE_POLL_INTERVAL_MS, GLOBUS_COMPUTE_RESULTS, GLOBUS_COMPUTE_AMQP_PORT,
                GLOBUS_COMPUTE_RATE_LIMIT}) {
            String value = environment.apply(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static Map<String, Credentials> overrides(Variables env) {
        Optional<String> text = env.get(GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES);
        if (text.isEmpty()) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text.get());
        } catch (Exception e) {
            throw fail(GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES, "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw fail(GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES,
                    "must be a JSON object {\"<endpoint uuid>\": {\"client_id\": ..., \"client_secret\": ...}}");
        }
        Map<String, Credentials> result = new HashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var entry = it.next();
            String clientId = entry.getValue().path("client_id").asText("");
            String clientSecret = entry.getValue().path("client_secret").asText("");
            if (clientId.isBlank() || clientSecret.isBlank()) {
                throw fail(GLOBUS_COMPUTE_CREDENTIALS_OVERRIDES, "entry " + entry.getKey()
                        + " needs a non-empty client_id and client_secret");
            }
            result.put(entry.getKey().toLowerCase(Locale.ROOT), new Credentials(clientId, clientSecret));
        }
        return result;
    }

    private static URI httpUrl(Variables env, String name, String defaultValue) {
        String text = env.get(name).orElse(defaultValue).replaceAll("/+$", "");
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw fail(name, "must be an http:// or https:// URL, found \"" + text + "\"");
    }

    /**
     * The remote function builds {@code {protocol}://{host}:{port}/resource_server/api/streaming/...} itself, so
     * the callback URL can only be a scheme, a host and a port.
     */
    private static URI callbackBase(String text) {
        URI uri = httpUrl(new Variables(Map.of(GLOBUS_COMPUTE_CALLBACK_URL, text)),
                GLOBUS_COMPUTE_CALLBACK_URL, text);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw fail(GLOBUS_COMPUTE_CALLBACK_URL, "must be only scheme, host and port (the remote "
                    + "function appends /resource_server/api/streaming/...), found \"" + text + "\"");
        }
        return uri;
    }

    private static AdaptorConfigException fail(String variable, String problem) {
        return new AdaptorConfigException("environment " + variable, variable + " " + problem);
    }

    @Override
    public String toString() {
        return "GlobusComputeSettings[apiUrl=" + apiUrl + ", authUrl=" + authUrl + ", defaultClient=" + defaultClient
                + ", overrides=" + overrides.keySet() + ", callbackBase=" + callbackBase + ", results=" + results
                + ", rateLimit=" + maxRequests + "/" + rateWindow.toSeconds() + "s]";
    }

    /** The variables read, blank ones taken as unset. */
    private record Variables(Map<String, String> values) {

        Optional<String> get(String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        int intValue(String name, int defaultValue) {
            return get(name).map(Integer::parseInt).orElse(defaultValue);
        }
    }
}
