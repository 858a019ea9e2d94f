package io.inferencegateway.gateway.validation;

import static io.inferencegateway.gateway.validation.Bodies.chat;
import static io.inferencegateway.gateway.validation.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.json.Json;
import io.inferencegateway.validation.InferenceRoute;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile bodies each get a small 4xx and never any other exception, which the HTTP layer would answer with 500. */
@Timeout(60)
class AdversarialInputsTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final String HUGE = "x".repeat(FIVE_MB);

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void isRefusedWithASmall400(String name, byte[] body, String code, String param) {
        ApiException error = Bodies.rejection(InferenceRoute.CHAT_COMPLETIONS, Bodies.JSON, body);

        assertThat(error).as(name).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).as(error.getMessage()).isEqualTo(code);
        assertThat(error.param()).as(error.getMessage()).isEqualTo(param);
        // A hostile value must not be echoed back whole.
        assertThat(error.getMessage()).isNotBlank().hasSizeLessThan(600);
        // Jackson's advice to Java programmers (feature names, redacted sources) is not for clients.
        assertThat(error.getMessage()).doesNotContain("`", "REDACTED", "Feature");
    }

    static Stream<Arguments> hostileBodies() {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                Arguments.of("10,000 nested arrays", utf8(withField("x", "[".repeat(10_000) + "]".repeat(10_000))),
                        "invalid_json", null),
                Arguments.of("10,000 nested objects", utf8(withField("x", "{\"a\":".repeat(10_000) + "1"
                        + "}".repeat(10_000))), "invalid_json", null),
                Arguments.of("5 MB string as temperature", utf8(chat("\"temperature\":\"" + HUGE + "\"")),
                        "invalid_type", "temperature"),
                Arguments.of("5 MB string as role", utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"" + HUGE
                        + "\",\"content\":\"hi\"}]}"), "invalid_value", "messages[0].role"),
                Arguments.of("5 MB key", utf8(chat("\"logit_bias\":{\"" + HUGE + "\":1}")), "invalid_json", null),
                Arguments.of("40,000-character logit_bias key", utf8(chat("\"logit_bias\":{\"" + "x".repeat(40_000)
                        + "\":1}")), "invalid_value", "logit_bias." + "x".repeat(189) + "..."),
                Arguments.of("5 MB unquoted token", utf8("{\"model\":" + HUGE + "}"), "invalid_json", null),
                Arguments.of("NaN", utf8(chat("\"temperature\":NaN")), "invalid_json", null),
                Arguments.of("Infinity", utf8(chat("\"temperature\":Infinity")), "invalid_json", null),
                Arguments.of("-Infinity in an unknown field", utf8(chat("\"x\":-Infinity")), "invalid_json", null),
                Arguments.of("1e999 as temperature", utf8(chat("\"temperature\":1e999")), "invalid_value",
                        "temperature"),
                Arguments.of("-1e999 in an unknown field", utf8(chat("\"x\":{\"y\":[0,-1e999]}")), "invalid_value",
                        "x.y[1]"),
                Arguments.of("1e999 as content", utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":1e999}]}"), "invalid_value", "messages[0].content"),
                Arguments.of("a 2,000-digit number", utf8(chat("\"seed\":" + "9".repeat(2000))), "invalid_json",
                        null),
                Arguments.of("a 400-digit integer seed", utf8(chat("\"seed\":" + "9".repeat(400))), "invalid_value",
                        "seed"),
                Arguments.of("duplicate top-level key", utf8("{\"model\":\"a\",\"model\":\"b\"," + messages + "}"),
                        "invalid_json", null),
                Arguments.of("duplicate nested key", utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                        + "\"role\":\"system\",\"content\":\"hi\"}]}"), "invalid_json", null),
                Arguments.of("trailing garbage", utf8(chat("") + " garbage"), "invalid_json", null),
                Arguments.of("a second object", utf8(chat("") + "{}"), "invalid_json", null),
                Arguments.of("invalid UTF-8 start byte", withBytes("{\"model\":\"", 0xFF, "\"," + messages + "}"),
                        "invalid_json", null),
                Arguments.of("truncated UTF-8 sequence", withBytes("{\"model\":\"", 0xE2, 0x82, "\"," + messages
                        + "}"), "invalid_json", null),
                Arguments.of("UTF-8 encoded surrogate", withBytes("{\"model\":\"", 0xED, 0xA0, 0x80, "\"," + messages
                        + "}"), "invalid_json", null),
                Arguments.of("raw control character in a string", utf8("{\"model\":\"a\nb\"," + messages + "}"),
                        "invalid_json", null),
                Arguments.of("a JSON array", utf8("[" + chat("") + "]"), "invalid_json", null),
                Arguments.of("null", utf8("null"), "invalid_json", null),
                Arguments.of("a bare 1e999", utf8("1e999"), "invalid_json", null),
                Arguments.of("a string", utf8("\"hello\""), "invalid_json", null),
                Arguments.of("nothing but whitespace", utf8(" \r\n\t "), "invalid_json", null),
                Arguments.of("no bytes", new byte[0], "invalid_json", null),
                Arguments.of("NUL bytes", new byte[] {0, 0, 0, 0}, "invalid_json", null),
                Arguments.of("single quotes", utf8("{'model':'m'}"), "invalid_json", null),
                Arguments.of("a comment", utf8("{/* hi */\"model\":\"m\"," + messages + "}"), "invalid_json", null));
    }

    @Test
    void aLargeLegitimatePromptPasses() {
        // A 5 MB base64 image or a long document is a valid request; size limits belong to the HTTP layer.
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64," + HUGE + "\"}}]}]}";
        assertThatCode(() -> Bodies.PARSER.parse(InferenceRoute.CHAT_COMPLETIONS, Bodies.JSON, utf8(body)))
                .doesNotThrowAnyException();
    }

    @Test
    void overlongUtf8IsReadAsItsCharacterAndForwardedAsValidUtf8() {
        // Jackson's byte parser does not reject overlong forms (C0 AF for '/'), and catching them would take a
        // second pass over the bytes. They decode to an ordinary character and are written back canonically, so
        // nothing invalid reaches a backend. This pins that behaviour.
        byte[] body = withBytes("{\"model\":\"a", 0xC0, 0xAF, "b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        var parsed = Bodies.PARSER.parse(InferenceRoute.CHAT_COMPLETIONS, Bodies.JSON, body);

        assertThat(parsed.path("model").textValue()).isEqualTo("a/b");
        assertThat(new String(Json.writeBytes(parsed), StandardCharsets.UTF_8)).contains("\"model\":\"a/b\"");
    }

    @Test
    void aUtf8ByteOrderMarkIsTolerated() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThatCode(() -> Bodies.PARSER.parse(InferenceRoute.CHAT_COMPLETIONS, Bodies.JSON,
                concat(bom, utf8(chat(""))))).doesNotThrowAnyException();
    }

    private static String withField(String name, String rawValue) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"" + name + "\":"
                + rawValue + "}";
    }

    /** Text around raw bytes, for encodings a Java string cannot hold. */
    private static byte[] withBytes(String before, Object... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (Object part : rest) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
