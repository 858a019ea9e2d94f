package io.inferencegateway.files;

import java.io.IOException;

/** The store cannot take this upload now (too many are being written); the client may try again shortly. */
public final class StorageBusyException extends IOException {

    private static final long serialVersionUID = 1L;

    public StorageBusyException(String message) {
        super(message);
    }
}
