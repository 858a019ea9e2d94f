package io.inferencegateway.worker.submit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.inferencegateway.json.Json;
import java.util.List;
import java.util.Map;

/**
 * One entry of a failed batch's {@code errors.data}, as OpenAI reports it.
 *
 * @param code    machine-readable reason, e.g. {@code duplicate_custom_id}
 * @param message what is wrong, for people
 * @param param   the offending field, or null
 * @param line    the 1-based input line, or null for problems of the whole input
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValidationError(@JsonProperty("code") String code, @JsonProperty("message") String message,
                              @JsonProperty("param") String param, @JsonProperty("line") Integer line) {

    /** The batch's {@code errors} column: {@code {"object": "list", "data": [...]}}. */
    public static String listJson(List<ValidationError> errors) {
        return Json.write(Map.of("object", "list", "data", errors));
    }
}
