package io.inferencegateway.gateway.files;

import io.inferencegateway.config.Environment;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How this replica receives uploads.
 *
 * @param spoolDirectory where uploads wait on local disk until they are complete ({@code GATEWAY_UPLOAD_SPOOL_DIR},
 *                       default {@code <java.io.tmpdir>/inference-gateway-uploads})
 * @param perUser        uploads one user may have under way at once on this replica ({@code
 *                       GATEWAY_UPLOAD_MAX_PER_USER}, default 2)
 */
public record UploadSettings(Path spoolDirectory, int perUser) {

    public static final String SPOOL_DIR = "GATEWAY_UPLOAD_SPOOL_DIR";
    public static final String MAX_PER_USER = "GATEWAY_UPLOAD_MAX_PER_USER";

    public UploadSettings {
        if (perUser < 1) {
            throw new IllegalArgumentException(MAX_PER_USER + " must be at least 1, was " + perUser);
        }
    }

    public static UploadSettings fromEnvironment(Function<String, String> environment) {
        String spool = environment.apply(SPOOL_DIR);
        return new UploadSettings(spool == null || spool.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "inference-gateway-uploads") : Path.of(spool.strip()),
                Environment.wholeNumber(environment, MAX_PER_USER, 2));
    }
}
