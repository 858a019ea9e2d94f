package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates a {@code chat/completions} body: OpenAI's fields, then vLLM's extensions, then cross-field rules. */
final class ChatCompletionsValidator {

    private static final FieldTable FIELDS = FieldTable.builder()
            .required("model", Rules.nonEmptyString())
            .required("messages", ChatMessages.RULE)
            .include(SamplingFields.OPENAI)
            .optional("max_tokens", Rules.integerAtLeast(1))
            .optional("max_completion_tokens", Rules.integerAtLeast(1))
            .optional("logprobs", Rules.bool())
            .optional("top_logprobs", Rules.integer(0, 20))
            .optional("tools", ChatTools.TOOLS)
            .optional("tool_choice", ChatTools.TOOL_CHOICE)
            .optional("parallel_tool_calls", Rules.bool())
            .optional("response_format", ResponseFormat.RULE)
            .optional("reasoning_effort", Rules.string())
            .optional("metadata", Rules.anyObject())
            .optional("store", Rules.bool())
            .optional("modalities", Rules.arrayOf(Rules.string()))
            .notNull("echo", Rules.bool())
            .include(VllmExtensions.FIELDS)
            .build();

    private ChatCompletionsValidator() {
    }

    static void validate(ObjectNode body) {
        FieldPath root = FieldPath.root();
        FIELDS.check(body, root);
        SamplingFields.checkTogether(body);
        if (body.path("top_logprobs").asLong(0) > 0 && !body.path("logprobs").booleanValue()) {
            throw Rejections.invalidValue(root.field("top_logprobs"),
                    "'logprobs' must be true when 'top_logprobs' is used.");
        }
        ChatTools.checkChoiceAgainstTools(body);
    }
}
