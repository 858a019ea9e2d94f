package io.inferencegateway.worker.submit;

import io.inferencegateway.files.BoundedLineReader;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.LineTooLongException;
import io.inferencegateway.worker.store.BatchRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A batch's input, read line by line so that only one line, of bounded length, is in memory at a time: an uploaded
 * file (OpenAI {@code input_file_id}) from the {@link FileStore}, or a path the workers can read (FIRST
 * {@code input_file}).
 */
public final class BatchInput {

    private final FileStore files;

    public BatchInput(FileStore files) {
        this.files = files;
    }

    /** The input is missing or unreadable: the batch fails, there is nothing to retry. */
    public static final class InputUnavailable extends Exception {
        public InputUnavailable(String message) {
            super(message);
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
                throw new InputUnavailable("Input file " + batch.inputFileId() + " does not exist.");
            }
            return files.open(batch.inputFileId());
        }
        if (batch.inputFile() == null || batch.inputFile().isBlank()) {
            throw new InputUnavailable("The batch names no input file.");
        }
        try {
            return Files.newInputStream(Path.of(batch.inputFile()));
        } catch (NoSuchFileException e) {
            throw new InputUnavailable("Input file " + batch.inputFile() + " does not exist on the worker.");
        }
    }
}
