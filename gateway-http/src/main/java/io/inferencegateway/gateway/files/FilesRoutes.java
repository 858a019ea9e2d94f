package io.inferencegateway.gateway.files;

import io.inferencegateway.files.FileIds;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.StoredFile;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.JsonResponses;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.text.Excerpt;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * OpenAI's Files API under {@code /v1/files}: upload (streamed into the {@link FileStore}), list, retrieve, delete and
 * download. A user sees only their own files; anyone else's id is answered exactly like a missing one.
 *
 * <p>A file over the byte limit is a 413, like every other body too large for this gateway (OpenAI answers 400);
 * too many lines, an empty file and a malformed form are 400s.
 */
public final class FilesRoutes implements Routes {

    /** Room for the form around the file: boundaries, part headers, the purpose field. */
    static final long FORM_OVERHEAD_BYTES = 1024 * 1024;
    static final int MAX_LIST_LIMIT = 10_000;

    private final AuthenticationFilter auth;
    private final FileStore store;
    private final FileLimits limits;
    private final UploadSlots slots;

    public FilesRoutes(AuthenticationFilter auth, FileStore store, FileLimits limits, int uploadsPerUser) {
        this.auth = auth;
        this.store = store;
        this.limits = limits;
        this.slots = new UploadSlots(uploadsPerUser);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/files", auth.require(this::upload));
        routes.get("/v1/files", auth.require(this::list));
        routes.get("/v1/files/{id}", auth.require(ctx -> JsonResponses.ok(ctx, FileJson.file(owned(ctx)))));
        routes.delete("/v1/files/{id}", auth.require(this::delete));
        routes.get("/v1/files/{id}/content", auth.require(this::content));
    }

    /**
     * Reads the request body itself, through the streaming parser of Commons FileUpload, rather than through the
     * framework, which would buffer it whole and apply the gateway's request size limit; this route's limit is the
     * file limit plus {@link #FORM_OVERHEAD_BYTES}.
     */
    private void upload(Context ctx) throws IOException {
        JakartaServletFileUpload<?, ?> parser = parser();
        if (!isForm(ctx.req().getContentType(), parser)) {
            throw UploadFailures.unsupportedMediaType();
        }
        UploadFailures failures = new UploadFailures(limits, parser.getSizeMax());
        UploadBody body = new UploadBody(ctx.req(), parser.getSizeMax());
        String userId = AuthenticationFilter.user(ctx).id();
        try {
            slots.take(userId);
        } catch (ApiException refused) {
            ctx.header("Connection", "close");
            throw refused;
        }
        try {
            StoredFile file = new UploadForm(store, limits).store(userId, parser.getItemIterator(body.context()));
            JsonResponses.ok(ctx, FileJson.file(file));
        } catch (IOException e) {
            ApiException answer = failures.answer(e);
            if (answer == null) {
                throw e;
            }
            if (!body.drain()) {
                // What is left of the body was not read: the connection cannot carry another request.
                ctx.header("Connection", "close");
            }
            throw answer;
        } finally {
            slots.release(userId);
        }
    }

    /**
     * Parts come one at a time, each a stream that ends where the part does: nothing is held in memory or on disk.
     * The store counts the file's bytes itself and words that refusal; the parser's own bound on a part refuses one
     * that announces a larger size in its headers before reading it.
     */
    private JakartaServletFileUpload<?, ?> parser() {
        JakartaServletFileUpload<?, ?> parser = new JakartaServletFileUpload<>();
        parser.setSizeMax(limits.maxBytes() + FORM_OVERHEAD_BYTES);
        parser.setFileSizeMax(limits.maxBytes());
        // Clients send file names as raw UTF-8 (RFC 7578); the parser would otherwise take the platform's charset.
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        return parser;
    }

    /** {@code multipart/form-data} with a boundary; the parser itself would take any {@code multipart/} type. */
    private static boolean isForm(String contentType, JakartaServletFileUpload<?, ?> parser) {
        if (contentType == null || !contentType.split(";", 2)[0].strip().equalsIgnoreCase("multipart/form-data")) {
            return false;
        }
        byte[] boundary = parser.getBoundary(contentType);
        return boundary != null && boundary.length > 0;
    }

    private void list(Context ctx) {
        String purpose = ctx.queryParam("purpose");
        if (purpose != null && !UploadForm.OPENAI_PURPOSES.contains(purpose)) {
            throw ApiException.badRequest("invalid_value", "Invalid value for 'purpose': expected one of "
                    + String.join(", ", UploadForm.OPENAI_PURPOSES.stream().sorted().toList()) + ".", "purpose");
        }
        String after = ctx.queryParam("after");
        if (after != null && !FileIds.isWellFormed(after)) {
            throw ApiException.badRequest("invalid_value", "'after' must be the id of a file (file-...).", "after");
        }
        String order = ctx.queryParam("order");
        if (order != null && !order.equals("desc")) {
            throw ApiException.badRequest("invalid_value", "This gateway lists files newest first only: 'order' "
                    + "must be 'desc'.", "order");
        }
        int limit = limit(ctx.queryParam("limit"));
        List<StoredFile> page = store.list(AuthenticationFilter.user(ctx).id(), purpose, limit + 1, after);
        boolean hasMore = page.size() > limit;
        JsonResponses.ok(ctx, FileJson.list(hasMore ? page.subList(0, limit) : page, hasMore));
    }

    private static int limit(String value) {
        if (value == null) {
            return MAX_LIST_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIST_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, like an integer out of range.
        }
        throw ApiException.badRequest("invalid_value", "'limit' must be an integer from 1 to " + MAX_LIST_LIMIT
                + ".", "limit");
    }

    private void delete(Context ctx) {
        StoredFile file = owned(ctx);
        if (!store.delete(file.userId(), file.id())) {
            throw notFound(file.id());
        }
        JsonResponses.ok(ctx, FileJson.deleted(file.id()));
    }

    /** Streams the content with its length known in advance; the store reads it a chunk at a time. */
    private void content(Context ctx) throws IOException {
        StoredFile file = owned(ctx);
        InputStream content;
        try {
            content = store.open(file.id());
        } catch (NoSuchFileException e) {
            throw notFound(file.id());
        }
        try (content) {
            ctx.contentType(file.filename().endsWith(".jsonl") ? "application/jsonl" : "application/octet-stream");
            ctx.res().setContentLengthLong(file.bytes());
            OutputStream out = ctx.outputStream();
            content.transferTo(out);
            out.flush();
        }
    }

    private StoredFile owned(Context ctx) {
        String id = ctx.pathParam("id");
        return store.find(AuthenticationFilter.user(ctx).id(), id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "file_not_found", "No such File object: " + Excerpt.of(id), "id", null);
    }
}
