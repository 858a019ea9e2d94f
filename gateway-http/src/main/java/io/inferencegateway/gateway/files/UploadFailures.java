package io.inferencegateway.gateway.files;

import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileTooLargeException;
import io.inferencegateway.files.StorageBusyException;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.text.Excerpt;
import java.io.IOException;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadContentTypeException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;

/**
 * The answer to an upload that failed while its form was parsed or its file stored: what the client sent is answered
 * with a 4xx; anything else is the gateway's own failure.
 *
 * @param allowance the most the request body may hold: the file limit plus {@link FilesRoutes#FORM_OVERHEAD_BYTES}
 */
record UploadFailures(FileLimits limits, long allowance) {

    /** The answer to {@code failure}, or null when it is the gateway's own failure (the store failed, say). */
    ApiException answer(IOException failure) {
        // The parser wraps what the body stream throws when it happens between parts.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UploadRefused refused) {
                return refused.reason();
            }
        }
        return switch (failure) {
            case StorageBusyException e -> new ApiException(503, "storage_busy", e.getMessage(), null, "5");
            case FileTooLargeException e when e.limit() == FileTooLargeException.Limit.BYTES ->
                    fileTooLarge(e.getMessage());
            case FileTooLargeException e -> ApiException.badRequest("too_many_lines", e.getMessage(), "file");
            // A part past the file limit: one whose own Content-Length header says so is refused before it is read.
            case FileUploadByteCountLimitException e ->
                    fileTooLarge("The file exceeds the " + limits.describeMaxBytes() + " limit.");
            // The parser uses the same type for a part's header section over 10 KiB, which is a malformed form.
            case FileUploadSizeException e when e.getPermitted() == allowance -> bodyTooLarge();
            case FileUploadContentTypeException e -> unsupportedMediaType();
            case FileUploadException e -> ApiException.badRequest("invalid_multipart", "The request body is not a "
                    + "well-formed multipart/form-data form: " + Excerpt.of(e.getMessage()), null);
            default -> null;
        };
    }

    private ApiException bodyTooLarge() {
        return fileTooLarge("The request body exceeds the " + limits.describeMaxBytes() + " limit for uploaded files "
                + "(plus " + (allowance - limits.maxBytes()) / 1024 + " KiB for the form).");
    }

    static ApiException unsupportedMediaType() {
        return new ApiException(415, "unsupported_media_type", "Upload files as multipart/form-data with the fields "
                + "'purpose' and 'file'.");
    }

    private static ApiException fileTooLarge(String message) {
        return new ApiException(413, "file_too_large", message, "file", null);
    }
}
