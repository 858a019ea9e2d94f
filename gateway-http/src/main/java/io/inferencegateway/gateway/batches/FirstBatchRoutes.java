package io.inferencegateway.gateway.batches;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.access.User;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.inference.Target;
import io.inferencegateway.gateway.inference.TargetResolver;
import io.inferencegateway.gateway.limits.UsageLimits;
import io.inferencegateway.gateway.validation.RequestParser;
import io.inferencegateway.json.Json;
import io.inferencegateway.paths.ConfinedPaths;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.text.Excerpt;
import io.inferencegateway.validation.InferenceRoute;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FIRST's batch routes: submit a batch whose input is a path on a shared filesystem, list, status, result (and
 * its lines), cancel. The checks run in FIRST's order — body, cluster, maintenance, framework, model, permission —
 * then this gateway's path checks, then the quota and FIRST's duplicate-input guard.
 */
public final class FirstBatchRoutes {

    /** FIRST listed every batch of the user; this gateway lists the newest ones, up to this many. */
    static final int MAX_LISTED = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(FirstBatchRoutes.class);
    private static final String JSON_LINES = "application/jsonl";

    /** The endpoint a FIRST batch's lines call: chat unless the cluster serves only another. */
    private static final List<InferenceRoute> BATCH_ROUTES = List.of(InferenceRoute.CHAT_COMPLETIONS,
            InferenceRoute.COMPLETIONS, InferenceRoute.EMBEDDINGS);

    private final AuthenticationFilter auth;
    private final UsageLimits limits;
    private final RequestParser parser;
    private final TargetResolver resolver;
    private final BatchPaths paths;
    private final InputFiles files;
    private final BatchRepository batches;
    private final BatchService service;

    public FirstBatchRoutes(AuthenticationFilter auth, UsageLimits limits, RequestParser parser,
                            TargetResolver resolver, BatchSettings settings, InputFiles files,
                            BatchRepository batches, BatchService service) {
        this.auth = auth;
        this.limits = limits;
        this.parser = parser;
        this.resolver = resolver;
        this.paths = new BatchPaths(settings.roots());
        this.files = files;
        this.batches = batches;
        this.service = service;
    }

    /** How long FIRST's submit waits for a worker to submit a native batch and record its task ids. */
    static final java.time.Duration NATIVE_SUBMIT_WAIT = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration NATIVE_SUBMIT_POLL = java.time.Duration.ofMillis(100);

    public void register(RoutesConfig routes) {
        routes.post("/resource_server/{cluster}/{framework}/v1/batches", guarded(this::submit));
        routes.get("/resource_server/v1/batches", guarded(this::list));
        routes.get("/resource_server/v1/batches/{batch_id}", guarded(ctx -> JsonResponses.ok(ctx,
                FirstBatchJson.status(find(ctx).state()))));
        routes.get("/resource_server/v1/batches/{batch_id}/result", guarded(this::result));
        routes.get("/resource_server/v1/batches/{batch_id}/result/output", guarded(ctx -> lines(ctx, true)));
        routes.get("/resource_server/v1/batches/{batch_id}/result/errors", guarded(ctx -> lines(ctx, false)));
        routes.post("/resource_server/v1/batches/{batch_id}/cancel", guarded(ctx -> JsonResponses.ok(ctx,
                FirstBatchJson.summary(service.cancel(find(ctx))))));
    }

    private Handler guarded(Handler handler) {
        return auth.require(ctx -> {
            limits.admitRequest(AuthenticationFilter.user(ctx));
            handler.handle(ctx);
        });
    }

    private void submit(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        FirstBatchRequest request = FirstBatchRequest.parse(parser.parseObject(ctx.header("Content-Type"),
                ctx.bodyAsBytes()));
        String clusterName = ctx.pathParam("cluster");
        InferenceRoute route = batchRoute(resolver.cluster(clusterName));
        Target target = resolver.resolve(user, clusterName, ctx.pathParam("framework"), route, request.model());
        ConfinedPaths mine = paths.forUser(user);
        Path input = BatchPaths.inputFile(mine, request.inputFile(), "input_file");
        Path output = request.outputFolderPath() == null ? null
                : BatchPaths.outputFolder(mine, request.outputFolderPath(), "output_folder_path");
        Batch batch = service.submit(new NewBatch(BatchIds.newId(), ApiStyle.FIRST, user.id(),
                target.cluster().clusterName(), target.endpoint().framework(), target.endpoint().model(),
                "/v1/" + route.openaiEndpoint(), request.completionWindow().text(),
                request.completionWindow().duration(),
                input.toString(), output == null ? null : output.toString(), null, null));
        if (target.endpoint().hasBatchEnabled()) {
            batch = awaitNativeSubmission(batch);
        }
        JsonResponses.ok(ctx, FirstBatchJson.submitted(batch));
    }

    /**
     * FIRST answers a native batch with the task ids its backend gave (it submits before answering); here a worker
     * submits it, so the answer waits a little for the worker to record them: at most {@link #NATIVE_SUBMIT_WAIT},
     * after which the batch is answered as it stands (pending, no task ids yet).
     */
    private Batch awaitNativeSubmission(Batch batch) {
        long deadline = System.nanoTime() + NATIVE_SUBMIT_WAIT.toNanos();
        Batch current = batch;
        while (current.nativeBatch().taskIds().isEmpty() && !current.state().isTerminal()
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(NATIVE_SUBMIT_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = batches.find(batch.id()).orElse(current);
        }
        return current;
    }

    private static InferenceRoute batchRoute(BaseCluster cluster) {
        return BATCH_ROUTES.stream().filter(route -> cluster.openaiEndpoints().contains(route.openaiEndpoint()))
                .findFirst().orElse(InferenceRoute.CHAT_COMPLETIONS);
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        Set<BatchState> states = status == null ? EnumSet.allOf(BatchState.class) : FirstBatchJson.STATUSES.get(status);
        if (states == null) {
            throw ApiException.badRequest("invalid_value", "'status' must be one of pending, running, failed, "
                    + "completed; got '" + Excerpt.of(status) + "'.", "status");
        }
        JsonResponses.ok(ctx, batches.listForUserByState(AuthenticationFilter.user(ctx).id(), ApiStyle.FIRST, states,
                MAX_LISTED).stream().map(FirstBatchJson::summary).toList());
    }

    /**
     * FIRST's result: 400 {@code batch_ongoing} until the batch is done, 400 {@code batch_failed} if it failed,
     * expired or was cancelled. A completed batch answers with the JSON ALCF documents ({@link FirstBatchJson#result}),
     * or with its output lines when the client asks for JSON Lines ({@code Accept: application/jsonl}). A batch an
     * adaptor ran itself answers with the adaptor's result, as FIRST did: its JSON object, or its text.
     */
    private void result(Context ctx) {
        Batch batch = completed(find(ctx));
        String base = "/resource_server/v1/batches/" + batch.id() + "/result/";
        if (batch.outputFileId() == null && batch.errorFileId() == null) {
            JsonResponses.ok(ctx, nativeResult(batch.nativeBatch().result()));
        } else if (wantsLines(ctx.header("Accept")) && batch.outputFileId() != null) {
            ctx.contentType(JSON_LINES).result(open(batch.outputFileId()));
        } else {
            JsonResponses.ok(ctx, FirstBatchJson.result(batch, base + "output", base + "errors"));
        }
    }

    /** The output or error lines of a completed batch, as JSON Lines; 404 when it has none of that kind. */
    private void lines(Context ctx, boolean output) {
        Batch batch = completed(find(ctx));
        String fileId = output ? batch.outputFileId() : batch.errorFileId();
        if (fileId == null) {
            throw ApiException.notFound("file_not_found", "Batch " + batch.id() + " has no "
                    + (output ? "answered" : "failed") + " lines.");
        }
        ctx.contentType(JSON_LINES).result(open(fileId));
    }

    private static Batch completed(Batch batch) {
        return switch (batch.state()) {
            case COMPLETED -> batch;
            case FAILED, EXPIRED, CANCELLED -> throw ApiException.badRequest("batch_failed", "Batch " + batch.id()
                    + " " + batch.state().wireName() + ": " + reason(batch), null);
            default -> throw ApiException.badRequest("batch_ongoing", "Batch not completed yet. Results not ready.",
                    null);
        };
    }

    private static boolean wantsLines(String accept) {
        return accept != null && (accept.contains(JSON_LINES) || accept.contains("application/x-ndjson"));
    }

    private static Object nativeResult(String text) {
        try {
            JsonNode json = Json.read(text);
            return json != null && json.isObject() ? json : text;
        } catch (RuntimeException e) {
            return text;
        }
    }

    private InputStream open(String fileId) {
        try {
            return files.open(fileId);
        } catch (IOException e) {
            LOG.warn("Could not read batch output file {}", fileId, e);
            throw new ApiException(503, "file_unavailable", "The batch's output could not be read just now; try "
                    + "again.", null, "5");
        }
    }

    private static String reason(Batch batch) {
        if (!batch.errors().isEmpty()) {
            BatchError error = batch.errors().getFirst();
            return (error.line() == null ? "" : "line " + error.line() + ": ") + error.message()
                    + (batch.errors().size() > 1 ? " (and " + (batch.errors().size() - 1) + " more)" : "");
        }
        return batch.nativeBatch().result().isEmpty() ? "no further detail." : batch.nativeBatch().result();
    }

    private Batch find(Context ctx) {
        return service.find(AuthenticationFilter.user(ctx), ApiStyle.FIRST, ctx.pathParam("batch_id"));
    }
}
