package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.adaptors.globus.ComputeSerializer.ResultFormatException;
import io.inferencegateway.json.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.Pickler;
import org.junit.jupiter.api.Test;

/**
 * Result decoding. The dill strings are fixed bytes written by Python 3 ({@code pickle.dumps(value, protocol=4)},
 * which is what dill 0.3.6 writes for strings and dicts), base64-encoded as the SDK does
 * ({@code codecs.encode(..., "base64")}): they equal the examples in the reference, §4.2.
 */
class ComputeSerializerTest {

    /** Python: {@code pickle.dumps('{"a": 1}', protocol=4)}. */
    static final String DILL_STRING = "00\ngASVDAAAAAAAAACMCHsiYSI6IDF9lC4=\n";

    /** Python: {@code pickle.dumps({'ok': True, 'n': 3, 'x': None, 'f': 1.5, 'l': [1, 'two']}, protocol=4)}. */
    static final String DILL_DICT = "00\ngASVMwAAAAAAAAB9lCiMAm9rlIiMAW6USwOMAXiUTowBZpRHP/gAAAAAAACMAWyUXZQoSwGMA3R3\n"
            + "b5RldS4=\n";

    @Test
    void jsonDataIsRead() throws Exception {
        assertThat(ComputeSerializer.deserialize("11\n{\"a\": [1, 2.5, null, true]}"))
                .isEqualTo(Json.read("{\"a\":[1,2.5,null,true]}"));
    }

    @Test
    void pythonsNonFiniteNumbersAreAccepted() throws Exception {
        assertThat(ComputeSerializer.deserialize("11\n{\"x\": NaN}").get("x").isNumber()).isTrue();
    }

    @Test
    void dillStringFromPythonIsRead() throws Exception {
        assertThat(ComputeSerializer.deserialize(DILL_STRING).asText()).isEqualTo("{\"a\": 1}");
    }

    @Test
    void dillDictFromPythonIsRead() throws Exception {
        assertThat(ComputeSerializer.deserialize(DILL_DICT))
                .isEqualTo(Json.read("{\"ok\":true,\"n\":3,\"x\":null,\"f\":1.5,\"l\":[1,\"two\"]}"));
    }

    @Test
    void picklesWrittenByTheSameLibraryRoundTrip() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "Grüße 😀");
        value.put("items", List.of(1, 2L, 3.5));
        String wire = "00\n" + Base64.getMimeEncoder().encodeToString(new Pickler().dumps(value)) + "\n";
        assertThat(ComputeSerializer.deserialize(wire))
                .isEqualTo(Json.read("{\"text\":\"Grüße 😀\",\"items\":[1,2,3.5]}"));
    }

    @Test
    void allDataStrategiesTakesTheFirstReadablePart() throws Exception {
        String body = PackedBuffers.pack(List.of("zz\nwhatever", "11\n[\"first\"]", DILL_STRING));
        assertThat(ComputeSerializer.deserialize("13\n" + body)).isEqualTo(Json.read("[\"first\"]"));
    }

    @Test
    void unknownOrBrokenResultsAreRefused() {
        assertThatThrownBy(() -> ComputeSerializer.deserialize("01\nabc")).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("'01'");
        assertThatThrownBy(() -> ComputeSerializer.deserialize("00\n!!!")).isInstanceOf(ResultFormatException.class);
        assertThatThrownBy(() -> ComputeSerializer.deserialize("00\nAAAA")).isInstanceOf(ResultFormatException.class);
        assertThatThrownBy(() -> ComputeSerializer.deserialize("11\n{")).isInstanceOf(ResultFormatException.class);
        assertThatThrownBy(() -> ComputeSerializer.deserialize("x")).isInstanceOf(ResultFormatException.class);
    }

    @Test
    void firstsStringResultIsUnwrappedOnce() throws Exception {
        // FIRST's functions return json.dumps(body): a JSON string literal holding the OpenAI body.
        String body = "{\"id\": \"chatcmpl-1\", \"choices\": []}";
        assertThat(FunctionResults.unwrapJson("11\n" + Json.write(body))).isEqualTo(body);
        assertThat(FunctionResults.unwrapJson(DILL_STRING)).isEqualTo("{\"a\": 1}");
        assertThat(FunctionResults.unwrapJson("11\n\"plain words\"")).isEqualTo("\"plain words\"");
        assertThat(Json.read(FunctionResults.unwrapJson(DILL_DICT)).get("n").asInt()).isEqualTo(3);
    }
}
