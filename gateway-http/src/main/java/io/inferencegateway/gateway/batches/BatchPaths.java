package io.inferencegateway.gateway.batches;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.paths.BatchRoots;
import io.inferencegateway.paths.ConfinedPaths;
import io.inferencegateway.paths.PathRefused;
import java.nio.file.Path;

/**
 * Checks the paths of a FIRST-style batch against the caller's roots with the rule the workers apply again when
 * they open them ({@link ConfinedPaths}): a refusal is a 400 {@code invalid_path} naming the field. FIRST checked
 * nothing but non-emptiness and let workers read whatever a user named.
 */
final class BatchPaths {

    private final BatchRoots roots;

    BatchPaths(BatchRoots roots) {
        this.roots = roots;
    }

    /** The caller's paths, if FIRST-style batches are on at all. */
    ConfinedPaths forUser(User user) {
        if (!roots.configured()) {
            throw ApiException.badRequest("batch_unavailable", "Batches on server paths are unavailable: this "
                    + "gateway has no directories configured for them (GATEWAY_BATCH_ROOTS). Upload the input with "
                    + "POST /v1/files and use POST /v1/batches instead.", null);
        }
        return new ConfinedPaths(roots.forUser(user.id()));
    }

    /** The input file, normalized: it must be a regular file the rule lets this user open now. */
    static Path inputFile(ConfinedPaths paths, String value, String param) {
        try {
            return paths.checkInput(value, param);
        } catch (PathRefused e) {
            throw invalid(e);
        }
    }

    /** The output folder, normalized: it may not exist yet, but what exists of it must be directories. */
    static Path outputFolder(ConfinedPaths paths, String value, String param) {
        try {
            return paths.checkOutputFolder(value, param);
        } catch (PathRefused e) {
            throw invalid(e);
        }
    }

    private static ApiException invalid(PathRefused refused) {
        return ApiException.badRequest(refused.code(), refused.getMessage(), refused.param());
    }
}
