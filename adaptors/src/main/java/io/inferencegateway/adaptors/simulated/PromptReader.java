package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the prompt of each OpenAI request shape: chat messages, completion prompts and embedding inputs. */
final class PromptReader {

    private PromptReader() {
    }

    /** The whole conversation as one prompt: the text of every message, its images and tool calls ignored. */
    static Prompt chat(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException("messages", "'messages' must be a non-empty array of messages.");
        }
        long hash = Hashing.EMPTY;
        int tokens = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new InvalidRequestException("messages", "'messages[" + i + "]' must be an object.");
            }
            // The separator keeps ["ab"] and ["a", "b"] apart.
            hash = Hashing.absorb(Hashing.absorb(hash, message.path("role").asText()), i);
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) {
                continue;
            }
            if (content.isTextual()) {
                hash = Hashing.absorb(hash, content.asText());
                tokens += Tokenizer.count(content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    JsonNode text = part.isTextual() ? part : part.get("text");
                    if (text != null && text.isTextual()) {
                        hash = Hashing.absorb(hash, text.asText());
                        tokens += Tokenizer.count(text.asText());
                    }
                }
            } else {
                throw new InvalidRequestException("messages",
                        "'messages[" + i + "].content' must be a string or an array of content parts.");
            }
        }
        return new Prompt(hash, tokens);
    }

    /**
     * The prompts of a completion or the inputs of an embedding request: a string, a list of strings, a list of
     * token ids, or a list of such lists.
     */
    static List<Prompt> texts(JsonNode node, String param) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(param, "'" + param + "' is required.");
        }
        if (node.isTextual()) {
            return List.of(text(node.asText()));
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException(param, "'" + param
                    + "' must be a string, a non-empty list of strings, or token ids.");
        }
        if (node.get(0).isIntegralNumber()) {
            return List.of(tokenIds(node, param));
        }
        List<Prompt> prompts = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (item.isTextual()) {
                prompts.add(text(item.asText()));
            } else if (item.isArray() && !item.isEmpty()) {
                prompts.add(tokenIds(item, param));
            } else {
                throw new InvalidRequestException(param, "'" + param
                        + "' must be a string, a non-empty list of strings, or token ids.");
            }
        }
        return prompts;
    }

    private static Prompt text(String text) {
        return new Prompt(Hashing.absorb(Hashing.EMPTY, text), Tokenizer.count(text));
    }

    private static Prompt tokenIds(JsonNode ids, String param) {
        long hash = Hashing.absorb(Hashing.EMPTY, -1);
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber()) {
                throw new InvalidRequestException(param, "'" + param + "' mixes token ids with other values.");
            }
            hash = Hashing.absorb(hash, id.asLong());
        }
        return new Prompt(hash, ids.size());
    }
}
