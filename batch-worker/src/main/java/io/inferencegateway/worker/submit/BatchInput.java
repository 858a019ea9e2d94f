package io.inferencegateway.worker.submit;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.files.BoundedLineReader;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.LineTooLongException;
import io.inferencegateway.paths.BatchRoots;
import io.inferencegateway.paths.ConfinedPaths;
import io.inferencegateway.paths.PathRefused;
import io.inferencegateway.worker.store.BatchRow;
import java.io.IOException;
import java.io.InputStream;

/**
 * A batch's input, read line by line so that only one line, of bounded length, is in memory at a time: an uploaded
 * file (OpenAI {@code input_file_id}) from the {@link FileStore}, or a path the workers can read (FIRST
 * {@code input_file}), opened under its owner's roots without following a symbolic link ({@link ConfinedPaths}).
 */
public final class BatchInput {

    private final FileStore files;
    private final BatchRoots roots;

    /** @param roots the directories each user's FIRST-style inputs may be read from */
    public BatchInput(FileStore files, BatchRoots roots) {
        this.files = files;
        this.roots = roots;
    }

    /** The input is missing, unreadable or not the batch owner's to read: the batch fails, with this error. */
    public static final class InputUnavailable extends Exception {
        private final BatchError error;

        InputUnavailable(BatchError error) {
            super(error.message());
            this.error = error;
        }

        public BatchError error() {
            return error;
        }
    }

    /** Receives each non-blank line with its 1-based number; returns false to stop reading. */
    @FunctionalInterface
    public interface LineHandler {
        boolean accept(String line, int lineNumber) throws IOException;
    }

    /**
     * Reads the whole input once.
     *
     * @throws LineTooLongException at the first line longer than {@link FileLimits#MAX_LINE_BYTES}, as soon as it
     *                              passes the limit
     */
    public void read(BatchRow batch, LineHandler handler) throws IOException, InputUnavailable {
        try (BoundedLineReader reader = new BoundedLineReader(open(batch), FileLimits.MAX_LINE_BYTES)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !handler.accept(line, reader.lineNumber())) {
                    return;
                }
            }
        }
    }

    private InputStream open(BatchRow batch) throws IOException, InputUnavailable {
        if (batch.inputFileId() != null) {
            if (files.find(batch.inputFileId()).isEmpty()) {
                throw new InputUnavailable(new BatchError("invalid_file", "Input file " + batch.inputFileId()
                        + " does not exist.", "input_file_id", null));
            }
            return files.open(batch.inputFileId());
        }
        if (batch.inputFile() == null || batch.inputFile().isBlank()) {
            throw new InputUnavailable(new BatchError("invalid_file", "The batch names no input file.", "input_file",
                    null));
        }
        try {
            // The path was checked at submission; what it leads to now is what counts.
            return new ConfinedPaths(roots.forUser(batch.userId())).openInput(batch.inputFile(), "input_file");
        } catch (PathRefused e) {
            throw new InputUnavailable(new BatchError(e.code(), e.getMessage(), e.param(), null));
        }
    }
}
