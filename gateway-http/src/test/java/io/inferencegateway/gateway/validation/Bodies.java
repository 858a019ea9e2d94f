package io.inferencegateway.gateway.validation;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.validation.InferenceRoute;
import java.nio.charset.StandardCharsets;

/** Request bodies for the validation tests, written with single quotes for readability. */
final class Bodies {

    static final RequestParser PARSER = new RequestParser();
    static final String JSON = "application/json";

    private Bodies() {
    }

    /** {@code {'a':'b'}} becomes {@code {"a":"b"}}; the tests' JSON never needs a literal apostrophe. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid chat request with {@code extra} fields appended, e.g. {@code 'temperature':3}. */
    static String chat(String extra) {
        return json("{'model':'m','messages':[{'role':'user','content':'hi'}]" + sep(extra) + "}");
    }

    /** A chat request with the given {@code messages} array. */
    static String chatMessages(String messages) {
        return json("{'model':'m','messages':" + messages + "}");
    }

    static String completions(String extra) {
        return json("{'model':'m','prompt':'Say hi'" + sep(extra) + "}");
    }

    static String embeddings(String extra) {
        return json("{'model':'m','input':'hello'" + sep(extra) + "}");
    }

    static String responses(String extra) {
        return json("{'model':'m','input':'hello'" + sep(extra) + "}");
    }

    static String messages(String extra) {
        return json("{'model':'m','max_tokens':16,'messages':[{'role':'user','content':'hi'}]" + sep(extra) + "}");
    }

    /** Runs the parser and returns its rejection, or null when the body was accepted. */
    static ApiException rejection(InferenceRoute route, String contentType, byte[] body) {
        try {
            PARSER.parse(route, contentType, body);
            return null;
        } catch (ApiException e) {
            return e;
        }
    }

    private static String sep(String extra) {
        return extra.isEmpty() ? "" : "," + extra;
    }
}
