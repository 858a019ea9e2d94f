package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A chat message's {@code content}: a string, or an array of typed parts, each role allowing its own types. */
final class MessageContent {

    static final List<String> TEXT_ONLY = List.of("text");
    // audio_url and video_url are vLLM's, for the audio and video models it serves.
    static final List<String> USER = List.of("text", "image_url", "input_audio", "file", "audio_url", "video_url");
    static final List<String> ASSISTANT = List.of("text", "refusal");

    private static final String EXPECTED = "a string or an array of content parts";

    private static final Map<String, FieldTable> PARTS = Map.of(
            "text", fields().required("text", Rules.string()).build(),
            "refusal", fields().required("refusal", Rules.string()).build(),
            "image_url", fields().required("image_url", Rules.object(fields()
                    .required("url", Rules.nonEmptyString())
                    .optional("detail", Rules.oneOf("auto", "low", "high"))
                    .build())).build(),
            "input_audio", fields().required("input_audio", Rules.object(fields()
                    .required("data", Rules.string())
                    .required("format", Rules.oneOf("wav", "mp3"))
                    .build())).build(),
            "file", fields().required("file", Rules.object(fields()
                    .optional("file_data", Rules.string())
                    .optional("file_id", Rules.string())
                    .optional("filename", Rules.string())
                    .build())).build(),
            "audio_url", fields().required("audio_url", urlObject()).build(),
            "video_url", fields().required("video_url", urlObject()).build());

    private MessageContent() {
    }

    /** Checks content that must be there: absent is a missing parameter, null a wrong type. */
    static void check(JsonNode content, FieldPath path, List<String> allowedTypes, String role) {
        if (content == null) {
            throw Rejections.missing(path);
        }
        if (content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw Rejections.invalidType(path, EXPECTED, content);
        }
        // An empty array is accepted: vLLM renders it as empty content, although OpenAI refuses it.
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), path.index(i), allowedTypes, role);
        }
    }

    private static void part(JsonNode part, FieldPath path, List<String> allowedTypes, String role) {
        Rules.anyObject().check(part, path);
        FieldPath typePath = path.field("type");
        JsonNode type = part.get("type");
        if (type == null || type.isNull()) {
            throw Rejections.missing(typePath);
        }
        Rules.string().check(type, typePath);
        if (!allowedTypes.contains(type.textValue())) {
            throw Rejections.invalidValue(typePath, "must be one of " + allowedTypes.stream()
                    .map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + " for role '" + role + "'", type);
        }
        PARTS.get(type.textValue()).check(part, path);
    }

    private static Rule urlObject() {
        return Rules.object(fields().required("url", Rules.nonEmptyString()).build());
    }

    private static FieldTable.Builder fields() {
        return FieldTable.builder();
    }
}
