package io.inferencegateway.validation;

/**
 * vLLM's extensions to chat completions and completions, which clients send at the top level (the SDKs' extra_body
 * lands there). Checked when present because vLLM would refuse the same values; fields vLLM declares without
 * {@code Optional} refuse null too.
 */
final class VllmExtensions {

    static final FieldTable FIELDS = FieldTable.builder()
            // -1 and 0 both mean "consider every token".
            .optional("top_k", Rules.integerAtLeast(-1))
            .optional("min_p", Rules.number(0, 1))
            .optional("repetition_penalty", Rules.numberAbove(0))
            .notNull("length_penalty", Rules.anyNumber())
            .notNull("min_tokens", Rules.integerAtLeast(0))
            .notNull("ignore_eos", Rules.bool())
            .notNull("skip_special_tokens", Rules.bool())
            .notNull("spaces_between_special_tokens", Rules.bool())
            .notNull("add_generation_prompt", Rules.bool())
            .notNull("continue_final_message", Rules.bool())
            .notNull("include_stop_str_in_output", Rules.bool())
            .notNull("use_beam_search", Rules.bool())
            .optional("best_of", Rules.integerAtLeast(1))
            .optional("chat_template", Rules.string())
            .optional("chat_template_kwargs", Rules.anyObject())
            .optional("guided_json", Rules.stringOrObject())
            .optional("guided_regex", Rules.string())
            .optional("guided_choice", Rules.nonEmptyArrayOf(Rules.string()))
            .optional("guided_grammar", Rules.string())
            .optional("guided_decoding_backend", Rules.string())
            .optional("structured_outputs", Rules.anyObject())
            .notNull("priority", Rules.integer(Long.MIN_VALUE, Long.MAX_VALUE))
            .notNull("request_id", Rules.string())
            .build();

    private VllmExtensions() {
    }
}
