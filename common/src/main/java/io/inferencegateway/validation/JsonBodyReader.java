package io.inferencegateway.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.text.Excerpt;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a request body into a tree in one pass over the bytes, with the shared mapper's configuration plus strict
 * duplicate detection: {@code {"model":"a","model":"b"}} means different things to different parsers, so it is
 * refused rather than guessed. Jackson's read constraints (nesting depth, string and number length) apply.
 */
final class JsonBodyReader {

    /** Parts of Jackson's messages that name Java settings, which mean nothing to a client. */
    private static final List<Pattern> JAVA_HINTS = List.of(
            Pattern.compile(", from `[^`]*`"),
            Pattern.compile(": enable `[^`]*` to allow"),
            Pattern.compile(" \\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)"),
            Pattern.compile("Source: REDACTED \\(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled\\); "));

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(new FiniteNumberNodeFactory());

    private JsonBodyReader() {
    }

    static ObjectNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw empty();
        }
        JsonNode tree;
        try (JsonParser parser = READER.createParser(body)) {
            try {
                tree = READER.readTree(parser);
            } catch (FiniteNumberNodeFactory.NonFiniteNumber e) {
                FieldPath path = FieldPath.of(parser.getParsingContext());
                if (path.isRoot()) {
                    throw notAnObject("a number");
                }
                throw new RequestRejected(Rejections.INVALID_VALUE, "'" + path + "' is a number outside the"
                        + " range of a 64-bit float, got " + Excerpt.of(parser.getText()), path.toString());
            } catch (JsonProcessingException e) {
                throw invalidJson(e, FieldPath.of(parser.getParsingContext()));
            }
        } catch (IOException e) {
            // Reading from a byte array fails only on malformed input; closing it cannot fail.
            throw new RequestRejected(Rejections.INVALID_JSON, "The request body could not be read as JSON.", null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw empty();
        }
        if (!tree.isObject()) {
            throw notAnObject(Rejections.describe(tree));
        }
        return (ObjectNode) tree;
    }

    private static RequestRejected notAnObject(String actual) {
        return new RequestRejected(Rejections.INVALID_JSON,
                "The request body must be a JSON object, got " + actual + ".", null);
    }

    private static RequestRejected empty() {
        return new RequestRejected(Rejections.INVALID_JSON, "The request body is empty.", null);
    }

    private static RequestRejected invalidJson(JsonProcessingException e, FieldPath path) {
        StringBuilder message = new StringBuilder(e instanceof StreamConstraintsException
                ? "The request body exceeds a JSON parser limit: " : "The request body is not valid JSON: ");
        message.append(reason(e));
        if (!path.isRoot()) {
            message.append(" at '").append(path).append('\'');
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append(" (line ").append(location.getLineNr())
                    .append(", column ").append(location.getColumnNr()).append(')');
        }
        return new RequestRejected(Rejections.INVALID_JSON, message.toString(), null);
    }

    /** Jackson's reason without its advice to Java programmers, and short: it may quote a 50,000-character key. */
    private static String reason(JsonProcessingException e) {
        if (e instanceof MismatchedInputException) {
            // The only mismatch a tree read reports is FAIL_ON_TRAILING_TOKENS.
            return "unexpected data after the JSON object";
        }
        String reason = e.getOriginalMessage() == null ? "malformed input" : e.getOriginalMessage();
        for (Pattern hint : JAVA_HINTS) {
            reason = hint.matcher(reason).replaceAll("");
        }
        return Excerpt.of(reason);
    }
}
