package io.inferencegateway.testsupport.globus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Task results in the serializations endpoints write them in. */
public final class Results {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Results() {
    }

    /** {@code JSONData}: {@code "11\n" + json.dumps(value)}. */
    public static String json(Object value) {
        try {
            return "11\n" + MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What FIRST's functions return under {@code JSONData}: {@code json.dumps} of a string that holds JSON, so the
     * result is a JSON string literal.
     */
    public static String jsonText(String json) {
        return json((Object) json);
    }

    /** {@code DillDataBase64}: {@code "00\n"} + MIME base64 (76-character lines, trailing newline) of a pickle. */
    public static String dill(byte[] pickle) {
        return "00\n" + Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(pickle) + "\n";
    }
}
