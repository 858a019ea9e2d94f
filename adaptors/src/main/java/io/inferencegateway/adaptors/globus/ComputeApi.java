package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.http.UpstreamFailure;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.CallBudget;
import io.inferencegateway.spi.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The Globus Compute REST routes the adaptors use, each call within the client's rate limit, with a fresh token,
 * retried after a 429 (pausing the client) or a refused token, and never past the caller's deadline.
 */
final class ComputeApi {

    static final String USER_AGENT = "inference-gateway-java/0.1";

    /** The SDK asks for at most this many tasks per {@code batch_status} call. */
    static final int MAX_IDS_PER_STATUS_CALL = 128;

    private static final Duration MAX_CALL_TIME = Duration.ofSeconds(30);
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(10).toNanos();

    /** What {@code POST /v3/endpoints/{id}/submit} answered: the task ids of each function, in payload order. */
    record Submitted(String requestId, String taskGroupId, Map<String, List<String>> taskIdsByFunction) {

        /** The ids of a submit that named one function. */
        List<String> taskIds() {
            return taskIdsByFunction.values().stream().flatMap(List::stream).toList();
        }
    }

    /**
     * One submit request: payloads by function (their order kept), the task group to add them to (null for a new
     * one), and whether the service should also put the results on the task group's AMQP queue.
     */
    record SubmitRequest(Map<String, List<String>> payloadsByFunction, String taskGroupId, boolean createQueue) {
    }

    /** What {@code GET /v2/endpoints/{id}/status} answered; managers is null when the service leaves it out. */
    record EndpointStatus(String status, Integer managers) {
        boolean online() {
            return "online".equalsIgnoreCase(status);
        }
    }

    private final HttpClient http;
    private final URI apiUrl;
    private final TokenProvider tokens;
    private final CallBudget budget;
    private final RateLimit limit;

    /**
     * @param budget where every call of a client is budgeted: shared by all the processes that call as that client
     *               when the host offers a shared one
     */
    ComputeApi(HttpClient http, URI apiUrl, TokenProvider tokens, CallBudget budget, RateLimit limit) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.tokens = tokens;
        this.budget = budget;
        this.limit = limit;
    }

    /** Fetches the client's token if it has none, so that a call made with a permit taken next is not delayed. */
    void prepare(Credentials client, long deadline) throws ComputeException {
        tokens.token(client, deadline);
    }

    /** The budget's key of a client: its calls in every process count together. */
    static String budgetKey(Credentials client) {
        return "globus-compute:" + client.clientId();
    }

    /** Submits one task per payload to {@code functionId} on {@code endpointId}, asking for JSON results. */
    Submitted submit(Credentials client, String endpointId, String functionId, List<String> payloads, long deadline)
            throws ComputeException {
        return submit(client, endpointId, new SubmitRequest(Map.of(functionId, payloads), null, false), deadline,
                false);
    }

    /**
     * Submits every task of {@code request} in one call, asking for JSON results.
     *
     * @param permitHeld the caller took this call's rate-limit permit already ({@link #acquire})
     */
    Submitted submit(Credentials client, String endpointId, SubmitRequest request, long deadline, boolean permitHeld)
            throws ComputeException {
        ObjectNode body = Json.object();
        ObjectNode tasks = body.putObject("tasks");
        request.payloadsByFunction().forEach(tasks::putPOJO);
        if (request.taskGroupId() != null) {
            body.put("task_group_id", request.taskGroupId());
        }
        body.putPOJO("result_serializers", ComputeSerializer.RESULT_SERIALIZERS);
        body.put("create_queue", request.createQueue());
        JsonNode answer = call(client, HttpMethod.POST, "/v3/endpoints/" + endpointId + "/submit", body, deadline,
                permitHeld);
        Map<String, List<String>> idsByFunction = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : request.payloadsByFunction().entrySet()) {
            List<String> ids = new ArrayList<>();
            answer.path("tasks").path(entry.getKey()).forEach(id -> ids.add(id.asText()));
            if (ids.size() != entry.getValue().size()) {
                // The SDK marks all of them failed too: which tasks the service took is unknown.
                throw new ComputeException(502, "Globus Compute accepted " + entry.getValue().size()
                        + " task(s) but returned " + ids.size() + " task id(s)");
            }
            idsByFunction.put(entry.getKey(), ids);
        }
        return new Submitted(answer.path("request_id").asText(null), answer.path("task_group_id").asText(null),
                idsByFunction);
    }

    /**
     * Takes a rate-limit permit for a call {@code client} makes next ({@link #submit} with {@code permitHeld}), so
     * a caller can gather what the call carries while it waited.
     */
    void acquire(Credentials client, long deadline) throws ComputeException {
        Optional<Duration> wait;
        try {
            wait = budget.reserve(budgetKey(client), limit, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (RuntimeException e) {
            // A shared budget that cannot be reached must not let calls through unbudgeted.
            throw new ComputeException(503, "the Globus Compute call budget is unavailable: " + e.getMessage(), e);
        }
        if (wait.isEmpty()) {
            throw new ComputeException(503, "Globus Compute's rate limit left no room for this call in time");
        }
        try {
            if (!wait.get().isZero()) {
                Thread.sleep(wait.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeException(503, "interrupted while waiting for Globus Compute's rate limit", e);
        }
    }

    EndpointStatus endpointStatus(Credentials client, String endpointId, long deadline) throws ComputeException {
        JsonNode answer = call(client, HttpMethod.GET, "/v2/endpoints/" + endpointId + "/status", null, deadline);
        JsonNode managers = answer.path("details").path("managers");
        return new EndpointStatus(answer.path("status").asText("unknown"),
                managers.isNumber() ? Integer.valueOf(managers.asInt()) : null);
    }

    /** Where a client's results queues are: {@code GET /v2/get_amqp_result_connection_url}. */
    record AmqpAccess(String queuePrefix, String connectionUrl) {
    }

    /** The client's AMQP credentials (the service makes a new password on every call; old ones keep working). */
    AmqpAccess amqpAccess(Credentials client, long deadline) throws ComputeException {
        JsonNode answer = call(client, HttpMethod.GET, "/v2/get_amqp_result_connection_url", null, deadline);
        String url = answer.path("connection_url").asText("");
        if (url.isEmpty()) {
            throw new ComputeException(502, "Globus Compute answered the AMQP route without a connection_url");
        }
        return new AmqpAccess(answer.path("queue_prefix").asText(""), url);
    }

    /** One task; an unknown task id is reported as failed. */
    TaskReport task(Credentials client, String taskId, long deadline) throws ComputeException {
        try {
            return TaskReport.of(taskId, call(client, HttpMethod.GET, "/v2/tasks/" + taskId, null, deadline));
        } catch (NotFound e) {
            return TaskReport.failed(taskId, "Unknown task id " + taskId);
        }
    }

    /** At most {@link #MAX_IDS_PER_STATUS_CALL} tasks; a task the service leaves out is missing from the map. */
    Map<String, TaskReport> batchStatus(Credentials client, List<String> taskIds, long deadline)
            throws ComputeException {
        ObjectNode body = Json.object();
        body.putPOJO("task_ids", taskIds);
        JsonNode results = call(client, HttpMethod.POST, "/v2/batch_status", body, deadline).path("results");
        Map<String, TaskReport> reports = new LinkedHashMap<>();
        for (String id : taskIds) {
            if (results.has(id)) {
                reports.put(id, TaskReport.of(id, results.get(id)));
            }
        }
        return reports;
    }

    private JsonNode call(Credentials client, HttpMethod method, String path, JsonNode body, long deadline)
            throws ComputeException {
        return call(client, method, path, body, deadline, false);
    }

    private JsonNode call(Credentials client, HttpMethod method, String path, JsonNode body, long deadline,
                          boolean permitHeld) throws ComputeException {
        boolean tokenRefused = false;
        boolean permit = permitHeld;
        long backoff = Duration.ofSeconds(1).toNanos();
        while (true) {
            // The token first: fetching one takes a permit and time of its own, and a call must start at its permit's
            // time, not later, or it may fall into the window of the calls after it.
            String token = tokens.token(client, deadline);
            if (!permit) {
                acquire(client, deadline);
            }
            permit = false; // a retry takes a permit of its own
            ContentResponse response = send(token, method, path, body, deadline);
            int status = response.getStatus();
            if (status / 100 == 2) {
                return parse(response);
            }
            if (status == 401 && !tokenRefused) {
                tokenRefused = true;
                tokens.invalidate(client, token);
                continue;
            }
            if (status == 429) {
                long wait = retryAfter(response, backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                try {
                    budget.pause(budgetKey(client), Duration.ofNanos(wait));
                } catch (RuntimeException e) {
                    throw new ComputeException(503, "the Globus Compute call budget is unavailable: " + e.getMessage(), e);
                }
                continue; // the limiter waits, or gives up when the deadline comes first
            }
            if (status == 404 && method == HttpMethod.GET && path.startsWith("/v2/tasks/")) {
                throw new NotFound();
            }
            throw failure(status, response.getContentAsString(), path);
        }
    }

    private ContentResponse send(String token, HttpMethod method, String path, JsonNode body, long deadline)
            throws ComputeException {
        long remaining = Math.min(deadline - System.nanoTime(), MAX_CALL_TIME.toNanos());
        if (remaining <= 0) {
            throw new ComputeException(504, "no time left to call Globus Compute");
        }
        Request request = http.newRequest(URI.create(apiUrl + path))
                .method(method)
                .timeout(remaining, TimeUnit.NANOSECONDS)
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + token)
                        .put(HttpHeader.USER_AGENT, USER_AGENT)
                        .put(HttpHeader.ACCEPT, "application/json"));
        if (body != null) {
            request.body(new StringRequestContent("application/json", Json.write(body)));
        }
        try {
            return request.send();
        } catch (TimeoutException e) {
            throw new ComputeException(504, "Globus Compute did not answer " + method + " " + path + " in time", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            int code = switch (UpstreamFailure.of(cause)) {
                case TIMEOUT -> 504;
                case UNREACHABLE -> 503;
                case OTHER -> 502;
            };
            throw new ComputeException(code, "Globus Compute call failed: " + UpstreamFailure.describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeException(503, "interrupted while calling Globus Compute", e);
        }
    }

    private static JsonNode parse(ContentResponse response) throws ComputeException {
        try {
            JsonNode node = Json.MAPPER.readTree(response.getContentAsString());
            if (node == null || !node.isObject()) {
                throw new ComputeException(502, "Globus Compute answered with something other than a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ComputeException(502, "Globus Compute answered with invalid JSON");
        }
    }

    /** Seconds from {@code Retry-After}, else the current backoff. */
    private static long retryAfter(ContentResponse response, long backoff) {
        String header = response.getHeaders().get(HttpHeader.RETRY_AFTER);
        if (header != null) {
            try {
                long seconds = Long.parseLong(header.strip());
                return Math.min(Math.max(seconds, 0) * 1_000_000_000L, MAX_BACKOFF_NANOS);
            } catch (NumberFormatException e) {
                // An HTTP date is allowed too; the backoff is a fine substitute.
            }
        }
        return backoff;
    }

    private static ComputeException failure(int status, String body, String path) {
        String detail = detail(body);
        if (status == 403 && body.contains("authorization_parameters")) {
            return new ComputeException(500, "Globus Compute requires a fresh login for " + path + " (the endpoint's "
                    + "authentication policy), which a client identity cannot give; ask the endpoint's administrator to "
                    + "allow this client. " + detail);
        }
        if (status == 413) {
            return new ComputeException(413, "The request is larger than Globus Compute accepts (10 MB). " + detail);
        }
        return new ComputeException(status >= 500 ? 502 : 500, "Globus Compute answered " + status + " to " + path
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The {@code detail} (or {@code reason}) of an error body, else its first characters. */
    private static String detail(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.hasNonNull("detail")) {
                return node.get("detail").isTextual() ? node.get("detail").asText() : node.get("detail").toString();
            }
            if (node != null && node.hasNonNull("reason")) {
                return node.get("reason").asText();
            }
        } catch (Exception e) {
            // not JSON: show the start of the text
        }
        String text = body.strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** An unknown task (404 from {@code /v2/tasks/{id}}). */
    private static final class NotFound extends ComputeException {
        NotFound() {
            super(404, "unknown task");
        }
    }
}
