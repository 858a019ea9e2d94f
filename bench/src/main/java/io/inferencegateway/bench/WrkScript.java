package io.inferencegateway.bench;

import java.util.Map;
import java.util.TreeMap;

/** The Lua script wrk runs: one JSON POST with the API key, and a {@code done()} that prints what we parse. */
final class WrkScript {

    private WrkScript() {
    }

    static String lua(String jsonBody, String apiKey) {
        return lua(jsonBody, apiKey, Map.of());
    }

    /** @param headers sent besides the body's type and the key, e.g. a peer gateway's routing headers */
    static String lua(String jsonBody, String apiKey, Map<String, String> headers) {
        StringBuilder more = new StringBuilder();
        new TreeMap<>(headers).forEach((name, value) -> more.append("wrk.headers['").append(luaQuoted(name))
                .append("'] = '").append(luaQuoted(value)).append("'\n"));
        return """
                wrk.method = "POST"
                wrk.body = '%s'
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer %s"
                %s

                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("%s requests=%%d duration_us=%%d connect=%%d read=%%d write=%%d status=%%d timeout=%%d p50_us=%%d p90_us=%%d p99_us=%%d mean_us=%%.1f max_us=%%d\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
                end
                """.formatted(luaQuoted(jsonBody), luaQuoted(apiKey), more, WrkOutput.MARKER);
    }

    /** The text inside a single-quoted Lua string. */
    static String luaQuoted(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n");
    }
}
