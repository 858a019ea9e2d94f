package io.inferencegateway.bench;

/** The Lua script wrk runs: one JSON POST with the API key, and a {@code done()} that prints what we parse. */
final class WrkScript {

    private WrkScript() {
    }

    static String lua(String jsonBody, String apiKey) {
        return """
                wrk.method = "POST"
                wrk.body = '%s'
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer %s"

                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("%s requests=%%d duration_us=%%d connect=%%d read=%%d write=%%d status=%%d timeout=%%d p50_us=%%d p90_us=%%d p99_us=%%d mean_us=%%.1f max_us=%%d\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
                end
                """.formatted(luaQuoted(jsonBody), luaQuoted(apiKey), WrkOutput.MARKER);
    }

    /** The text inside a single-quoted Lua string. */
    static String luaQuoted(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n");
    }
}
