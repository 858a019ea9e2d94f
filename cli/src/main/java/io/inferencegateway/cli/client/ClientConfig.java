package io.inferencegateway.cli.client;

import java.net.URI;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where the gateway is and the key to use: the config file written by {@code igw login}, each value overridden by
 * {@code IGW_BASE_URL} and {@code IGW_API_KEY} when set.
 *
 * @param baseUrl the gateway's root, e.g. {@code http://127.0.0.1:8080} (the {@code /v1} routes are below it)
 * @param apiKey  the API key, sent as a Bearer token
 */
public record ClientConfig(URI baseUrl, String apiKey) {

    public static final String BASE_URL_VARIABLE = "IGW_BASE_URL";
    public static final String API_KEY_VARIABLE = "IGW_API_KEY";

    /** The file's values under the environment's; a usage error when either is missing. */
    public static ClientConfig resolve(ConfigFile file, UnaryOperator<String> env) {
        ConfigFile.Values stored = file.read();
        String base = firstSet(env.apply(BASE_URL_VARIABLE), stored.baseUrl());
        String key = firstSet(env.apply(API_KEY_VARIABLE), stored.apiKey());
        if (base == null || key == null) {
            throw GatewayException.usage("no gateway configured: run 'igw login --base-url URL', or set "
                    + BASE_URL_VARIABLE + " and " + API_KEY_VARIABLE);
        }
        return new ClientConfig(baseUrl(base), key);
    }

    /**
     * The gateway's root from what a user typed: {@code http(s)://host[:port]}, a trailing {@code /} or {@code /v1}
     * dropped (the OpenAI SDKs' base URL ends in {@code /v1}; igw adds it itself).
     */
    public static URI baseUrl(String text) {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith("/v1")) {
            trimmed = trimmed.substring(0, trimmed.length() - "/v1".length());
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw GatewayException.usage("'" + text + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw GatewayException.usage("'" + text + "' is not an http:// or https:// URL of the gateway");
        }
        return uri;
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null || b.isBlank() ? null : b.strip();
    }

    @Override
    public String toString() {
        // Never print the key.
        return "ClientConfig[baseUrl=" + baseUrl + "]";
    }
}
