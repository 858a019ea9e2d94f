package io.inferencegateway.files;

import java.io.IOException;

/** Content read in buffer-sized pieces, with its counts and hash known once it has been read to the end. */
interface ChunkSource {

    /** Fills {@code buffer} as far as the content goes; fewer bytes than its length means the content ended. */
    int fill(byte[] buffer) throws IOException;

    long bytes();

    long lines();

    /** The hash of everything read; call once, at the end. */
    String sha256();
}
