package io.inferencegateway.files;

import java.io.IOException;

/** The content went past a {@link FileLimits} bound while it was being stored; nothing was kept. */
public class FileTooLargeException extends IOException {

    public FileTooLargeException(String message) {
        super(message);
    }
}
