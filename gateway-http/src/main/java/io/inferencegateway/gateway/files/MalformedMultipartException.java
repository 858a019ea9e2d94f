package io.inferencegateway.gateway.files;

import java.io.IOException;

/** The request body is not the {@code multipart/form-data} it claims to be. */
final class MalformedMultipartException extends IOException {

    MalformedMultipartException(String message) {
        super(message);
    }
}
