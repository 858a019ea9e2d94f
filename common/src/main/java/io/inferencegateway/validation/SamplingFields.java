package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.text.Excerpt;
import java.util.Map;
import java.util.regex.Pattern;

/** The OpenAI sampling fields that chat completions and completions share, and the rules that span them. */
final class SamplingFields {

    private static final Pattern TOKEN_ID = Pattern.compile("[0-9]{1,10}");

    static final FieldTable OPENAI = FieldTable.builder()
            .optional("temperature", Rules.number(0, 2))
            .optional("top_p", Rules.number(0, 1))
            .optional("n", Rules.integer(1, 128))
            .optional("stream", Rules.bool())
            .optional("stream_options", Rules.object(FieldTable.builder()
                    .optional("include_usage", Rules.bool())
                    .optional("continuous_usage_stats", Rules.bool())
                    .build()))
            // OpenAI allows four stop sequences, vLLM any number; the backends are vLLM.
            .optional("stop", Rules.stringOrArrayOfStrings())
            .optional("presence_penalty", Rules.number(-2, 2))
            .optional("frequency_penalty", Rules.number(-2, 2))
            .optional("logit_bias", logitBias())
            .optional("seed", Rules.integer(Long.MIN_VALUE, Long.MAX_VALUE))
            .optional("user", Rules.string())
            .build();

    private SamplingFields() {
    }

    /** Rules between fields, which OpenAI and vLLM both enforce; run after the fields themselves are checked. */
    static void checkTogether(JsonNode body) {
        if (Rules.present(body, "stream_options") && !body.path("stream").booleanValue()) {
            throw Rejections.invalidValue(FieldPath.root().field("stream_options"),
                    "'stream_options' is only allowed when 'stream' is true.");
        }
        JsonNode bestOf = body.get("best_of");
        JsonNode n = body.get("n");
        if (bestOf != null && n != null && bestOf.isNumber() && n.isNumber() && bestOf.longValue() < n.longValue()) {
            throw Rejections.invalidValue(FieldPath.root().field("best_of"),
                    "'best_of' must be greater than or equal to 'n', got best_of=" + bestOf.longValue()
                            + " and n=" + n.longValue());
        }
    }

    /** Token ids (as strings, JSON keys being strings) mapped to a bias in [-100, 100]. */
    private static Rule logitBias() {
        Rule bias = Rules.number(-100, 100);
        return (value, path) -> {
            Rules.anyObject().check(value, path);
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                FieldPath biasPath = path.field(entry.getKey());
                if (!TOKEN_ID.matcher(entry.getKey()).matches()) {
                    throw Rejections.invalidValue(biasPath, "'" + path + "' keys must be token ids, got '"
                            + Excerpt.of(entry.getKey()) + "'");
                }
                bias.check(entry.getValue(), biasPath);
            }
        };
    }
}
