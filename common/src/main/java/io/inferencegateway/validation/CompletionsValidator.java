package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates a legacy {@code completions} body, sharing the sampling fields and vLLM extensions with chat. */
final class CompletionsValidator {

    private static final FieldTable FIELDS = FieldTable.builder()
            .required("model", Rules.nonEmptyString())
            .required("prompt", PromptInput.withAtMost(Integer.MAX_VALUE))
            .include(SamplingFields.OPENAI)
            // 0 is allowed: with echo it scores the prompt without generating.
            .optional("max_tokens", Rules.integerAtLeast(0))
            .optional("echo", Rules.bool())
            .optional("suffix", Rules.string())
            .optional("logprobs", Rules.integer(0, 5))
            .include(VllmExtensions.FIELDS)
            .build();

    private CompletionsValidator() {
    }

    static void validate(ObjectNode body) {
        FIELDS.check(body, FieldPath.root());
        SamplingFields.checkTogether(body);
    }
}
