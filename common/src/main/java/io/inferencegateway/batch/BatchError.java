package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One entry of a batch's {@code errors.data}: why the batch failed, usually a line of its input that did not
 * validate (OpenAI's codes include {@code invalid_json_line}, {@code duplicate_custom_id}, {@code url_mismatch},
 * {@code model_mismatch}, {@code empty_file}, {@code too_many_tasks}).
 *
 * @param code    machine-readable code
 * @param message what a person should fix
 * @param param   the field at fault, or null
 * @param line    1-based line of the input file, or null when the error is not about one line
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BatchError(@JsonProperty("code") String code, @JsonProperty("message") String message,
                         @JsonProperty("param") String param, @JsonProperty("line") Integer line) {

    public BatchError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** An error about the whole batch, not one line. */
    public static BatchError of(String code, String message) {
        return new BatchError(code, message, null, null);
    }
}
