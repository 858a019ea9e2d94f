package io.inferencegateway.gateway.files;

import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.StoredFile;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;

/**
 * The form of {@code POST /v1/files}: a {@code purpose} field and one {@code file} part, in either order. The file
 * part streams straight into the store; its stream ends only after the rest of the form has been read and found
 * complete, so a form that turns out wrong fails the store, which then keeps nothing; so does a file whose first lines
 * are not batch requests ({@link BatchLinesCheck}).
 */
final class UploadForm {

    static final String BATCH = "batch";
    /** Every purpose OpenAI knows, to tell "not here" from "no such purpose". */
    static final Set<String> OPENAI_PURPOSES = Set.of("assistants", "assistants_output", "batch", "batch_output",
            "fine-tune", "fine-tune-results", "vision", "user_data", "evals");

    private static final int MAX_FIELD_BYTES = 1024;
    private static final int MAX_FILENAME_LENGTH = 255;

    private final FileStore store;
    private final FileLimits limits;
    private String purpose;

    UploadForm(FileStore store, FileLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    StoredFile store(String userId, FileItemInputIterator form) throws IOException {
        while (form.hasNext()) {
            FileItemInput part = form.next();
            if (part.getFieldName().equals("file")) {
                InputStream content = new EndOfForm(new BatchLinesCheck(nonEmpty(part.getInputStream())), form);
                return store.store(userId, BATCH, filename(part), content, limits);
            }
            field(part);
        }
        requirePurpose();
        throw refused(400, "missing_required_parameter", "Missing required parameter: 'file'.", "file");
    }

    /** Ends the file's content only once the rest of the form is read: no second file, a purpose, nothing unknown. */
    private final class EndOfForm extends CheckedStream {

        private final FileItemInputIterator form;
        private boolean checked;

        EndOfForm(InputStream content, FileItemInputIterator form) {
            super(content);
            this.form = form;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n == -1 && !checked) {
                checked = true;
                while (form.hasNext()) {
                    FileItemInput part = form.next();
                    if (part.getFieldName().equals("file")) {
                        throw refused(400, "invalid_value", "Upload one 'file' per request.", "file");
                    }
                    field(part);
                }
                requirePurpose();
            }
            return n;
        }
    }

    private void field(FileItemInput part) throws IOException {
        String name = part.getFieldName();
        if (name.equals("purpose")) {
            if (purpose != null) {
                throw refused(400, "invalid_value", "'purpose' was given more than once.", "purpose");
            }
            purpose = text(part).strip();
            checkPurpose();
        } else if (name.startsWith("expires_after")) {
            throw refused(400, "unsupported_parameter", "'expires_after' is not supported by this gateway: files "
                    + "are kept until they are deleted.", "expires_after");
        } else {
            String shown = Excerpt.of(name);
            throw refused(400, "unknown_parameter", "Unrecognized request argument supplied: '" + shown + "'.",
                    shown);
        }
    }

    private void checkPurpose() throws UploadRefused {
        if (purpose.equals(BATCH)) {
            return;
        }
        String shown = Excerpt.of(purpose);
        String message = OPENAI_PURPOSES.contains(purpose)
                ? "This gateway stores files for batches only: 'purpose' must be 'batch', got '" + shown + "'."
                : "Invalid value for 'purpose': expected 'batch', got '" + shown + "'.";
        throw refused(400, "invalid_value", message, "purpose");
    }

    private void requirePurpose() throws UploadRefused {
        if (purpose == null) {
            throw refused(400, "missing_required_parameter", "Missing required parameter: 'purpose'.", "purpose");
        }
    }

    private static String text(FileItemInput field) throws IOException {
        byte[] bytes = field.getInputStream().readNBytes(MAX_FIELD_BYTES + 1);
        if (bytes.length > MAX_FIELD_BYTES) {
            throw refused(400, "invalid_multipart", "The form field '" + field.getFieldName() + "' is longer than "
                    + MAX_FIELD_BYTES + " bytes.", null);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InputStream nonEmpty(InputStream content) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(content, 1);
        int first = peek.read();
        if (first == -1) {
            throw refused(400, "invalid_value", "The uploaded file is empty.", "file");
        }
        peek.unread(first);
        return peek;
    }

    /** The parser refuses a file name with a NUL in it, which {@link #filename(String)} drops like any control. */
    private static String filename(FileItemInput file) {
        try {
            return filename(file.getName());
        } catch (InvalidPathException e) {
            return filename(e.getInput());
        }
    }

    /** The name without any client-side directories or control characters, as the file object will show it. */
    static String filename(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.length() > MAX_FILENAME_LENGTH) {
            name = name.substring(0, MAX_FILENAME_LENGTH);
        }
        return name.isEmpty() ? "upload.jsonl" : name;
    }

    private static UploadRefused refused(int status, String code, String message, String param) {
        return new UploadRefused(new ApiException(status, code, message, param, null));
    }
}
