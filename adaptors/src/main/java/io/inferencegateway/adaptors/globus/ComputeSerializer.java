package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import net.razorvine.pickle.Unpickler;

/**
 * The Globus Compute SDK's serialization, as far as a client needs it: task arguments in {@code JSONData}
 * (identifier {@code 11}), and results in {@code JSONData}, {@code DillDataBase64} ({@code 00}, a base64 pickle,
 * read with Razorvine's pickle library) or {@code AllDataStrategies} ({@code 13}, several of those packed).
 */
public final class ComputeSerializer {

    /** What we ask endpoints (3.6.0 and later) to answer in, in order: JSON, else dill for values JSON cannot hold. */
    public static final List<String> RESULT_SERIALIZERS = List.of(
            "globus_compute_sdk.serialize.JSONData", "globus_compute_sdk.serialize.DillDataBase64");

    static final String JSON_DATA = "11";
    static final String DILL_DATA_BASE64 = "00";
    static final String ALL_DATA_STRATEGIES = "13";

    // Python's json.dumps writes NaN and Infinity by default.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ComputeSerializer() {
    }

    /**
     * The payload of one task: positional arguments and keyword arguments, each in {@code JSONData}, packed. The
     * function is called as {@code f(*args, **kwargs)}.
     */
    public static String taskPayload(List<? extends JsonNode> args, JsonNode kwargs) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        args.forEach(array::add);
        return PackedBuffers.pack(List.of(JSON_DATA + "\n" + write(array), JSON_DATA + "\n" + write(kwargs)));
    }

    /**
     * Reads a task's {@code result} field into JSON: a JSON value stays as it is; a pickled value becomes the
     * JSON of its Java form (strings, numbers, booleans, None, lists, tuples and dicts map one to one).
     *
     * @throws ResultFormatException when the result is in no format we read
     */
    public static JsonNode deserialize(String serialized) throws ResultFormatException {
        if (serialized.length() < 3 || serialized.charAt(2) != '\n') {
            throw new ResultFormatException("result has no serializer header");
        }
        String header = serialized.substring(0, 2);
        String body = serialized.substring(3);
        return switch (header) {
            case JSON_DATA -> json(body);
            case DILL_DATA_BASE64 -> unpickle(body);
            case ALL_DATA_STRATEGIES -> firstReadable(body);
            default -> throw new ResultFormatException("result is in serialization '" + header
                    + "', which this gateway does not read (it reads 11, 00 and 13)");
        };
    }

    private static JsonNode json(String body) throws ResultFormatException {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ResultFormatException("JSON result is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode unpickle(String body) throws ResultFormatException {
        byte[] bytes;
        try {
            // The SDK writes MIME-style base64, a line break every 76 characters.
            bytes = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ResultFormatException("dill result is not base64: " + e.getMessage());
        }
        // Razorvine builds plain Java values and never runs code from the pickle: an unknown class becomes a map
        // of its fields.
        Unpickler unpickler = new Unpickler();
        try {
            return MAPPER.valueToTree(unpickler.loads(bytes));
        } catch (java.io.IOException | RuntimeException e) { // PickleException is a RuntimeException
            throw new ResultFormatException("dill result cannot be read: " + e.getMessage());
        } finally {
            unpickler.close();
        }
    }

    private static JsonNode firstReadable(String body) throws ResultFormatException {
        List<String> parts;
        try {
            parts = PackedBuffers.unpack(body);
        } catch (IllegalArgumentException e) {
            throw new ResultFormatException("AllDataStrategies result is malformed: " + e.getMessage());
        }
        ResultFormatException last = new ResultFormatException("AllDataStrategies result is empty");
        for (String part : parts) {
            try {
                return deserialize(part);
            } catch (ResultFormatException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of JSON nodes always serializes
        }
    }

    /** A result that cannot be read. */
    public static final class ResultFormatException extends Exception {
        public ResultFormatException(String message) {
            super(message);
        }
    }
}
