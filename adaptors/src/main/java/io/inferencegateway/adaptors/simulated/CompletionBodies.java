package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a {@link Completion} as the non-streaming OpenAI bodies: {@code chat.completion} and {@code text_completion}. */
final class CompletionBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CompletionBodies() {
    }

    static ObjectNode render(Completion completion) {
        ObjectNode body = header(completion, completion.chat() ? "chat.completion" : "text_completion");
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < completion.choices(); i++) {
            String text = Words.text(completion.choiceSeeds()[i], completion.tokens());
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            if (completion.chat()) {
                ObjectNode message = choice.putObject("message");
                message.put("role", "assistant");
                message.put("content", text);
            } else {
                choice.put("text", text);
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", completion.finishReason());
        }
        body.set("usage", usage(completion));
        return body;
    }

    /** The fields every body and chunk of a completion starts with. */
    static ObjectNode header(Completion completion, String object) {
        ObjectNode body = NODES.objectNode();
        body.put("id", completion.id());
        body.put("object", object);
        body.put("created", completion.created());
        body.put("model", completion.model());
        return body;
    }

    static ObjectNode usage(Completion completion) {
        ObjectNode usage = NODES.objectNode();
        usage.put("prompt_tokens", completion.promptTokens());
        usage.put("completion_tokens", completion.completionTokens());
        usage.put("total_tokens", completion.promptTokens() + completion.completionTokens());
        return usage;
    }
}
