package io.inferencegateway.gateway.files;

import io.inferencegateway.gateway.http.ApiException;
import java.io.IOException;

/**
 * An upload refused while its body was being read. It travels as an {@link IOException} through the file store, which
 * then keeps nothing, and is answered as its {@link #reason()}.
 */
final class UploadRefused extends IOException {

    private final ApiException reason;

    UploadRefused(ApiException reason) {
        super(reason.getMessage(), null);
        this.reason = reason;
    }

    ApiException reason() {
        return reason;
    }
}
