package io.inferencegateway.gateway.batches;

import io.inferencegateway.access.User;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.files.StoredFile;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.http.QueryParams;
import io.inferencegateway.gateway.inference.FederatedRouter;
import io.inferencegateway.gateway.inference.Target;
import io.inferencegateway.gateway.limits.UsageLimits;
import io.inferencegateway.gateway.validation.RequestParser;
import io.inferencegateway.text.Excerpt;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** OpenAI's Batch API: {@code POST/GET /v1/batches}, {@code GET /v1/batches/{id}}, {@code POST .../cancel}. */
public final class OpenAiBatchRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final AuthenticationFilter auth;
    private final UsageLimits limits;
    private final RequestParser parser;
    private final InputFiles files;
    private final FederatedRouter router;
    private final BatchRepository batches;
    private final BatchService service;

    public OpenAiBatchRoutes(AuthenticationFilter auth, UsageLimits limits, RequestParser parser, InputFiles files,
                             FederatedRouter router, BatchRepository batches, BatchService service) {
        this.auth = auth;
        this.limits = limits;
        this.parser = parser;
        this.files = files;
        this.router = router;
        this.batches = batches;
        this.service = service;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/batches", guarded(this::create));
        routes.get("/v1/batches", guarded(this::list));
        routes.get("/v1/batches/{batch_id}", guarded(ctx -> JsonResponses.ok(ctx, OpenAiBatchJson.batch(
                service.find(AuthenticationFilter.user(ctx), ApiStyle.OPENAI, ctx.pathParam("batch_id"))))));
        routes.post("/v1/batches/{batch_id}/cancel", guarded(ctx -> JsonResponses.ok(ctx, OpenAiBatchJson.batch(
                service.cancel(service.find(AuthenticationFilter.user(ctx), ApiStyle.OPENAI,
                        ctx.pathParam("batch_id")))))));
    }

    private Handler guarded(Handler handler) {
        return auth.require(ctx -> {
            limits.admitRequest(AuthenticationFilter.user(ctx));
            handler.handle(ctx);
        });
    }

    /**
     * Checks the body and the input file, learns the model from the file's first line and routes it like an
     * interactive request would be, then stores and publishes the batch. The lines are validated by a worker.
     */
    private void create(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        OpenAiBatchRequest request = OpenAiBatchRequest.parse(parser.parseObject(ctx.header("Content-Type"),
                ctx.bodyAsBytes()));
        StoredFile file = files.find(user.id(), request.inputFileId()).orElseThrow(() -> new ApiException(404,
                "file_not_found", "No such File object: " + Excerpt.of(request.inputFileId()),
                "input_file_id", null));
        if (!file.purpose().equals("batch")) {
            throw ApiException.badRequest("invalid_file_purpose", "The input file must have been uploaded with "
                    + "purpose 'batch', but '" + file.id() + "' has purpose '" + file.purpose() + "'.",
                    "input_file_id");
        }
        String model = InputModel.of(files, file.id());
        Target target = route(user, request, model);
        Batch batch = service.submit(new NewBatch(BatchIds.newId(), ApiStyle.OPENAI, user.id(),
                target.cluster().clusterName(), target.endpoint().framework(), target.endpoint().model(),
                request.endpoint(), request.completionWindow().text(), request.completionWindow().duration(),
                null, null, file.id(),
                request.metadata()));
        JsonResponses.ok(ctx, OpenAiBatchJson.batch(batch));
    }

    /**
     * The best endpoint for the model, as for an interactive request: a model that is not served is a 400 naming
     * the input file, one the caller may not use a 403, as on the interactive routes.
     */
    private Target route(User user, OpenAiBatchRequest request, String model) {
        try {
            return router.candidates(user, request.route(), model).getFirst();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw ApiException.badRequest("model_not_found", "The model '" + Excerpt.of(model)
                    + "' named in the input file does not exist or is not served on " + request.endpoint() + ".",
                    "input_file_id");
        }
    }

    private void list(Context ctx) {
        User user = AuthenticationFilter.user(ctx);
        String after = ctx.queryParam("after");
        if (after != null && !BatchIds.isWellFormed(after)) {
            throw ApiException.badRequest("invalid_value", "'after' must be a batch id, got '"
                    + Excerpt.of(after) + "'.", "after");
        }
        JsonResponses.ok(ctx, OpenAiBatchJson.list(batches.listForUser(user.id(), ApiStyle.OPENAI, after,
                QueryParams.wholeNumber("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT))));
    }
}
