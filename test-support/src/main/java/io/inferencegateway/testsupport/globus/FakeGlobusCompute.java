package io.inferencegateway.testsupport.globus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for Globus Auth's token endpoint and Globus Compute's REST API, speaking the wire protocol of
 * {@code shared/reference/globus-compute.md}: client-credentials tokens, {@code /v3/endpoints/{id}/submit} with
 * packed {@code JSONData} payloads (lengths in code points, checked as Python's {@code unpack_buffers} would),
 * {@code /v2/tasks/{id}}, {@code /v2/batch_status}, {@code /v2/endpoints/{id}/status} and 429 rate-limit answers.
 * A finished task is deleted once its result has been read, as the legacy service did, so a client that reads a
 * result twice finds out. Every request that breaks the protocol is answered with an error and recorded in
 * {@link #protocolErrors()}.
 */
public final class FakeGlobusCompute implements AutoCloseable {

    public static final String COMPUTE_SCOPE = "https://auth.globus.org/scopes/facd7ccc-c5f4-42aa-916b-a0e270e2c2a9/all";
    public static final String JSON_DATA = "globus_compute_sdk.serialize.JSONData";

    /** The service refuses a submit body over 10 MB ({@code TASK_PAYLOAD_TOO_LARGE}). */
    public static final int MAX_SUBMIT_BYTES = 10_000_000;

    /** One request as received. */
    public record Received(String method, String path, Map<String, String> headers, String body) {
    }

    private static final class TaskState {
        final FakeTask task;
        final String queue;
        int pendingPolls;
        long doneAtNanos;
        String result;
        String exception;
        int resultReads;
        boolean deleted;
        boolean published;

        TaskState(FakeTask task, Reply reply, String queue) {
            this.task = task;
            this.queue = queue;
            this.pendingPolls = reply.pendingPolls();
            this.doneAtNanos = System.nanoTime() + reply.runFor().toNanos();
            this.result = reply.result();
            this.exception = reply.exception();
        }

        boolean ended() {
            return (result != null || exception != null) && System.nanoTime() >= doneAtNanos;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Javalin app;
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> endpointStatus = new ConcurrentHashMap<>();
    private final Map<String, Function<FakeTask, Reply>> behaviours = new ConcurrentHashMap<>();
    private final Map<String, TaskState> tasks = new LinkedHashMap<>();
    private final List<FakeTask> submitted = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int rateLimitNext;
    private volatile String retryAfter = "0";
    private volatile long tokenLifetimeSeconds = 172_800;
    private volatile java.util.concurrent.CountDownLatch submitGate = new java.util.concurrent.CountDownLatch(0);
    private final AtomicInteger submitsHeld = new AtomicInteger();

    private final ResultQueues queues = new ResultQueues();
    private final Map<String, java.util.Deque<Long>> callsByClient = new HashMap<>();
    private final java.util.Set<String> taskGroups = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private volatile int limitRequests;
    private volatile long limitWindowNanos;

    private FakeGlobusCompute(Javalin app) {
        this.app = app;
    }

    /**
     * Delivers results of tasks submitted with {@code create_queue: true} through this AMQP broker, as the service
     * does through its RabbitMQ: {@code GET /v2/get_amqp_result_connection_url} hands out {@code url}, and each
     * task group's queue ({@code queue_prefix} + task group id) gets a messagepack {@code result} message per task.
     *
     * @param url what the route hands out (a client connects there); {@code publishUrl} is where the fake publishes
     */
    public void deliverResultsThrough(String publishUrl, String url) {
        queues.connect(publishUrl, url);
    }

    /** What {@code /v2/get_amqp_result_connection_url} hands out from now on (e.g. an address nothing listens on). */
    public void handOutAmqpUrl(String url) {
        queues.handOut(url);
    }

    /** Result messages published so far. */
    public int resultsPublished() {
        return queues.published();
    }

    /**
     * Enforces Globus Compute's limit: a client (by its token) that made {@code requests} API calls within the last
     * {@code window} is answered 429 with a {@code Retry-After}, counted in {@link #rateLimitedCount()}.
     */
    public void enforceRateLimit(int requests, java.time.Duration window) {
        limitWindowNanos = window.toNanos();
        limitRequests = requests;
    }

    /** The most API calls one client made within any {@code window} so far, refused ones left out. */
    public int mostCallsWithin(java.time.Duration window) {
        int most = 0;
        synchronized (callLog) {
            for (List<Long> calls : callLog.values()) {
                int from = 0;
                for (int to = 0; to < calls.size(); to++) {
                    while (calls.get(to) - calls.get(from) >= window.toNanos()) {
                        from++;
                    }
                    most = Math.max(most, to - from + 1);
                }
            }
        }
        return most;
    }

    private final Map<String, List<Long>> callLog = new HashMap<>();

    /** Starts on a free loopback port. */
    public static FakeGlobusCompute start() {
        FakeGlobusCompute[] holder = new FakeGlobusCompute[1];
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = 2L * MAX_SUBMIT_BYTES; // so that an oversized submit reaches the 413 check
            config.routes.before(ctx -> holder[0].record(ctx));
            config.routes.post("/v2/oauth2/token", ctx -> holder[0].token(ctx));
            config.routes.post("/v3/endpoints/{id}/submit", ctx -> holder[0].api(ctx, () -> holder[0].submit(ctx)));
            config.routes.get("/v2/tasks/{id}", ctx -> holder[0].api(ctx, () -> holder[0].task(ctx)));
            config.routes.post("/v2/batch_status", ctx -> holder[0].api(ctx, () -> holder[0].batchStatus(ctx)));
            config.routes.get("/v2/endpoints/{id}/status", ctx -> holder[0].api(ctx, () -> holder[0].status(ctx)));
            config.routes.get("/v2/get_amqp_result_connection_url",
                    ctx -> holder[0].api(ctx, () -> holder[0].amqpConnectionUrl(ctx)));
        });
        holder[0] = new FakeGlobusCompute(app);
        app.start("127.0.0.1", 0);
        return holder[0];
    }

    /** The base URL of both services (Auth's token route and Compute's API live side by side here). */
    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    public void addClient(String clientId, String secret) {
        clients.put(clientId, secret);
    }

    /** How long issued tokens say they last. */
    public void tokenLifetimeSeconds(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** What {@code /v2/endpoints/{id}/status} answers; managers null leaves {@code details} out. */
    public void endpoint(String endpointId, String status, Integer managers) {
        ObjectNode body = MAPPER.createObjectNode().put("status", status);
        if (managers != null) {
            body.putObject("details").put("total_workers", managers * 4).put("idle_workers", 0)
                    .put("pending_tasks", 0).put("outstanding_tasks", 0).put("managers", managers);
        }
        endpointStatus.put(endpointId, body);
    }

    /** Forgets an endpoint: its status route answers 404. */
    public void removeEndpoint(String endpointId) {
        endpointStatus.remove(endpointId);
    }

    /** How tasks of {@code functionId} behave; the default leaves them pending. */
    public void onSubmit(String functionId, Function<FakeTask, Reply> behaviour) {
        behaviours.put(functionId, behaviour);
    }

    /** The next {@code count} API calls are answered 429; {@code retryAfterSeconds} null sends no Retry-After. */
    public void rateLimitNext(int count, String retryAfterSeconds) {
        retryAfter = retryAfterSeconds;
        rateLimitNext = count;
    }

    /** Submits received from now on wait, unanswered, until {@link #releaseSubmits()}. */
    public void holdSubmits() {
        submitGate = new java.util.concurrent.CountDownLatch(1);
    }

    public void releaseSubmits() {
        submitGate.countDown();
    }

    /** Submits waiting for {@link #releaseSubmits()}. */
    public int submitsHeld() {
        return submitsHeld.get();
    }

    public int rateLimitedCount() {
        return rateLimited.get();
    }

    public void complete(String taskId, String serializedResult) {
        end(taskId, serializedResult, null);
    }

    public void fail(String taskId, String traceback) {
        end(taskId, null, traceback);
    }

    private void end(String taskId, String serializedResult, String traceback) {
        TaskState state;
        synchronized (this) {
            state = tasks.get(taskId);
            state.pendingPolls = 0;
            state.result = serializedResult;
            state.exception = traceback;
        }
        scheduleEnd(state);
    }

    /** A task with a queue and an outcome publishes it when its run time is over. */
    private void scheduleEnd(TaskState state) {
        if (state.queue == null || state.pendingPolls > 0 || (state.result == null && state.exception == null)) {
            return;
        }
        long wait = Math.max(0, state.doneAtNanos - System.nanoTime());
        timer.schedule(() -> publish(state), wait, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private void publish(TaskState state) {
        String data;
        boolean failed;
        synchronized (this) {
            if (state.published) {
                return;
            }
            state.published = true;
            failed = state.result == null;
            data = failed ? state.exception : state.result;
        }
        queues.publish(state.queue, state.task.id(), data, failed);
    }

    /** How often a task's final result was handed out (1 for a well-behaved client). */
    public synchronized int resultReads(String taskId) {
        return tasks.get(taskId).resultReads;
    }

    public List<FakeTask> submitted() {
        return List.copyOf(submitted);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String method, String pathPrefix) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    private void record(Context ctx) {
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
        received.add(new Received(ctx.method().name(), ctx.path(), Map.copyOf(headers), ctx.body()));
    }

    private void token(Context ctx) {
        String authorization = ctx.header("Authorization");
        String[] basic = authorization != null && authorization.startsWith("Basic ")
                ? new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8).split(":", 2)
                : new String[0];
        if (basic.length != 2 || !basic[1].equals(clients.get(basic[0]))) {
            ctx.status(401).json(Map.of("error", "invalid_client"));
            return;
        }
        Map<String, String> form = form(ctx.body());
        if (!String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded")
                || !"client_credentials".equals(form.get("grant_type")) || !COMPUTE_SCOPE.equals(form.get("scope"))) {
            protocolError("token request: " + ctx.contentType() + " " + form);
            ctx.status(400).json(Map.of("error", "invalid_request"));
            return;
        }
        String token = "token-" + tokenCounter.incrementAndGet() + "-" + basic[0];
        tokens.put(token, basic[0]);
        ctx.json(Map.of("access_token", token, "scope", COMPUTE_SCOPE, "expires_in", tokenLifetimeSeconds,
                "token_type", "Bearer", "resource_server", "funcx_service", "other_tokens", List.of()));
    }

    /** Makes every issued token invalid, as if it had been revoked. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** How many tokens were issued. */
    public int tokensIssued() {
        return tokenCounter.get();
    }

    private interface Handler {
        void handle() throws Exception;
    }

    private void api(Context ctx, Handler handler) throws Exception {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.containsKey(authorization.substring(7))) {
            ctx.status(401).json(error(401, "UNAUTHORIZED", "invalid or missing bearer token"));
            return;
        }
        String userAgent = ctx.header("User-Agent");
        if (userAgent == null || userAgent.isBlank()) {
            protocolError(ctx.path() + ": no User-Agent");
        }
        String client = tokens.get(authorization.substring(7));
        if (overLimit(ctx, client)) {
            return;
        }
        if (rateLimitNext > 0) {
            rateLimitNext--;
            rateLimited.incrementAndGet();
            if (retryAfter != null) {
                ctx.header("Retry-After", retryAfter);
            }
            ctx.status(429).json(error(429, "MaxRequestsExceeded", "Too many requests"));
            return;
        }
        handler.handle();
    }

    /** Counts the call against the client's limit; answers 429 and returns true when it is over. */
    private boolean overLimit(Context ctx, String client) {
        long now = System.nanoTime();
        synchronized (callLog) {
            int max = limitRequests;
            java.util.Deque<Long> recent = callsByClient.computeIfAbsent(client, c -> new java.util.ArrayDeque<>());
            while (!recent.isEmpty() && now - recent.peekFirst() >= limitWindowNanos) {
                recent.pollFirst();
            }
            if (max > 0 && recent.size() >= max) {
                rateLimited.incrementAndGet();
                long wait = recent.peekFirst() + limitWindowNanos - now;
                ctx.header("Retry-After", Long.toString(Math.max(1, (wait + 999_999_999) / 1_000_000_000L)));
                ctx.status(429).json(error(429, "MaxRequestsExceeded", "Too many requests"));
                return true;
            }
            recent.addLast(now);
            callLog.computeIfAbsent(client, c -> new ArrayList<>()).add(now);
            return false;
        }
    }

    private void amqpConnectionUrl(Context ctx) {
        String url = queues.handedOut();
        if (url == null) {
            ctx.status(503).json(error(503, "AMQP_UNAVAILABLE", "no results broker"));
            return;
        }
        ctx.json(Map.of("queue_prefix", ResultQueues.PREFIX, "connection_url", url));
    }

    private void submit(Context ctx) throws Exception {
        java.util.concurrent.CountDownLatch gate = submitGate;
        submitsHeld.incrementAndGet();
        try {
            gate.await();
        } finally {
            submitsHeld.decrementAndGet();
        }
        String endpointId = ctx.pathParam("id");
        if (ctx.bodyAsBytes().length > MAX_SUBMIT_BYTES) {
            protocolError("submit: body of " + ctx.bodyAsBytes().length + " bytes is over 10 MB");
            ctx.status(413).json(error(413, "TASK_PAYLOAD_TOO_LARGE", "Task payload too large"));
            return;
        }
        if (!String.valueOf(ctx.contentType()).startsWith("application/json")) {
            protocolError("submit: content type " + ctx.contentType());
        }
        JsonNode body = MAPPER.readTree(ctx.body());
        JsonNode serializers = body.path("result_serializers");
        if (!serializers.isArray() || serializers.isEmpty() || !JSON_DATA.equals(serializers.get(0).asText())) {
            protocolError("submit: result_serializers does not ask for JSONData first: " + serializers);
        }
        Set<String> known = Set.of("tasks", "task_group_id", "create_queue", "user_endpoint_config",
                "resource_specification", "user_runtime", "result_serializers");
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                protocolError("submit: unknown field " + name);
            }
        });
        if (!body.path("tasks").isObject() || body.path("tasks").isEmpty()) {
            protocolError("submit: tasks is not a non-empty object");
            ctx.status(422).json(error(422, "VALIDATION_ERROR", "tasks"));
            return;
        }
        String taskGroup;
        if (body.hasNonNull("task_group_id")) {
            taskGroup = body.get("task_group_id").asText();
            if (!taskGroups.contains(taskGroup)) {
                ctx.status(404).json(error(404, "TASK_GROUP_NOT_FOUND", "Task group not found"));
                return;
            }
        } else {
            taskGroup = UUID.randomUUID().toString();
            taskGroups.add(taskGroup);
        }
        String queue = null;
        if (body.path("create_queue").asBoolean(false)) {
            queue = queues.declare(taskGroup);
        }
        ObjectNode answerTasks = MAPPER.createObjectNode();
        List<TaskState> created = new ArrayList<>();
        for (var it = body.get("tasks").fields(); it.hasNext(); ) {
            var entry = it.next();
            var ids = answerTasks.putArray(entry.getKey());
            for (JsonNode payload : entry.getValue()) {
                FakeTask task = decode(UUID.randomUUID().toString(), endpointId, entry.getKey(), payload.asText());
                if (task == null) {
                    ctx.status(422).json(error(422, "VALIDATION_ERROR", "payload"));
                    return;
                }
                Reply reply = behaviours.getOrDefault(entry.getKey(), t -> Reply.pending()).apply(task);
                created.add(new TaskState(task, reply, queue));
                ids.add(task.id());
            }
        }
        synchronized (this) {
            created.forEach(state -> tasks.put(state.task.id(), state));
        }
        created.forEach(state -> submitted.add(state.task));
        created.forEach(this::scheduleEnd);
        ObjectNode answer = MAPPER.createObjectNode()
                .put("request_id", UUID.randomUUID().toString())
                .put("task_group_id", taskGroup)
                .put("endpoint_id", endpointId);
        answer.set("tasks", answerTasks);
        ctx.json(answer);
    }

    /** Unpacks a payload as Python's {@code unpack_buffers} does: lengths count code points. */
    private FakeTask decode(String taskId, String endpointId, String functionId, String payload) {
        List<String> buffers = new ArrayList<>();
        int at = 0;
        while (at < payload.length()) {
            int newline = payload.indexOf('\n', at);
            if (newline < 0) {
                protocolError("payload: no length line at " + at);
                return null;
            }
            int length;
            try {
                length = Integer.parseInt(payload.substring(at, newline));
            } catch (NumberFormatException e) {
                protocolError("payload: bad length at " + at + ": " + payload);
                return null;
            }
            int start = newline + 1;
            int end = start;
            for (int i = 0; i < length; i++) {
                if (end >= payload.length()) {
                    protocolError("payload: buffer shorter than its length " + length);
                    return null;
                }
                end += Character.charCount(payload.codePointAt(end));
            }
            buffers.add(payload.substring(start, end));
            at = end;
        }
        if (buffers.size() != 2 || !buffers.get(0).startsWith("11\n") || !buffers.get(1).startsWith("11\n")) {
            protocolError("payload: expected two JSONData buffers (args, kwargs), got " + buffers);
            return null;
        }
        try {
            JsonNode args = MAPPER.readTree(buffers.get(0).substring(3));
            JsonNode kwargs = MAPPER.readTree(buffers.get(1).substring(3));
            if (!args.isArray() || !kwargs.isObject()) {
                protocolError("payload: args must be a JSON array and kwargs an object: " + buffers);
                return null;
            }
            return new FakeTask(taskId, endpointId, functionId, payload, args, kwargs);
        } catch (Exception e) {
            protocolError("payload: a buffer is not JSON (the length may be wrong): " + buffers);
            return null;
        }
    }

    private void task(Context ctx) {
        ObjectNode doc;
        synchronized (this) {
            TaskState state = tasks.get(ctx.pathParam("id"));
            if (state == null || state.deleted) {
                ctx.status(404).json(error(404, "TASK_NOT_FOUND", "Task not found"));
                return;
            }
            doc = report(state);
        }
        ctx.json(doc);
    }

    private void batchStatus(Context ctx) throws Exception {
        JsonNode ids = MAPPER.readTree(ctx.body()).path("task_ids");
        if (!ids.isArray() || ids.size() > 128) {
            protocolError("batch_status: task_ids must be an array of at most 128 ids: " + ids);
        }
        ObjectNode answer = MAPPER.createObjectNode().put("response", "batch");
        ObjectNode results = answer.putObject("results");
        synchronized (this) {
            for (JsonNode id : ids) {
                TaskState state = tasks.get(id.asText());
                if (state != null && !state.deleted) {
                    results.set(id.asText(), report(state));
                }
            }
        }
        ctx.json(answer);
    }

    /** A task document as the service writes it; a finished one is deleted once read. */
    private ObjectNode report(TaskState state) {
        ObjectNode doc = MAPPER.createObjectNode().put("task_id", state.task.id());
        if (state.pendingPolls == 0 && !state.ended() && (state.result != null || state.exception != null)) {
            doc.put("status", "running");
            return doc;
        }
        if (state.pendingPolls > 0 || (state.result == null && state.exception == null)) {
            if (state.pendingPolls > 0 && state.pendingPolls != Integer.MAX_VALUE) {
                state.pendingPolls--;
            }
            boolean started = state.pendingPolls != Integer.MAX_VALUE || state.result != null;
            doc.put("status", started ? "running" : "waiting-for-ep");
            return doc;
        }
        doc.put("completion_t", "1677183605.212898");
        if (state.result != null) {
            doc.put("status", "success").put("result", state.result);
        } else {
            doc.put("status", "failed").put("exception", state.exception);
        }
        doc.putObject("details").put("globus_compute_sdk_version", "3.6.0").put("endpoint_id", state.task.endpointId());
        state.resultReads++;
        state.deleted = true;
        return doc;
    }

    private void status(Context ctx) {
        ObjectNode status = endpointStatus.get(ctx.pathParam("id"));
        if (status == null) {
            ctx.status(404).json(error(404, "ENDPOINT_NOT_FOUND", "Endpoint not found"));
            return;
        }
        ctx.json(status);
    }

    private static Map<String, Object> error(int status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("code", code);
        body.put("error_args", List.of());
        body.put("http_status_code", status);
        body.put("detail", detail);
        body.put("reason", detail);
        return body;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2) {
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private void protocolError(String problem) {
        protocolErrors.add(problem);
    }

    @Override
    public void close() {
        app.stop();
        timer.shutdownNow();
        queues.close();
    }
}
