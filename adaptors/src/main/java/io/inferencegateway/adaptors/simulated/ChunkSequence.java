package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SseEvent;
import java.util.NoSuchElementException;

/**
 * The events of a streamed {@link Completion}, produced one at a time so a long answer is never held whole.
 *
 * <p>Order, as OpenAI sends it: for chat, one chunk per choice whose delta carries the role; then one chunk per
 * token and choice (token by token, choices interleaved); then one chunk per choice with an empty delta and the
 * finish reason; then, only when asked for, a chunk with no choices and the usage; then {@code [DONE]}.
 */
final class ChunkSequence {

    /**
     * One event and when it is due.
     *
     * @param event the event
     * @param slot  the token position it belongs to: it is due after the first token's delay plus {@code slot}
     *              token intervals
     */
    record Chunk(SseEvent event, int slot) {
    }

    private final Completion completion;
    private final boolean includeUsage;
    private final String object;
    private final int roleChunks;
    private final int contentChunks;
    private final int total;
    private int next;

    ChunkSequence(Completion completion, boolean includeUsage) {
        this.completion = completion;
        this.includeUsage = includeUsage;
        this.object = completion.chat() ? "chat.completion.chunk" : "text_completion";
        this.roleChunks = completion.chat() ? completion.choices() : 0;
        this.contentChunks = completion.tokens() * completion.choices();
        // roles, contents, one finish per choice, the optional usage chunk, [DONE]
        this.total = roleChunks + contentChunks + completion.choices() + (includeUsage ? 1 : 0) + 1;
    }

    boolean hasNext() {
        return next < total;
    }

    Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int index = next++;
        int choices = completion.choices();
        int lastSlot = completion.tokens() - 1;
        if (index < roleChunks) {
            return new Chunk(SseEvent.data(choiceChunk(index, null, null)), 0);
        }
        index -= roleChunks;
        if (index < contentChunks) {
            int position = index / choices;
            int choice = index % choices;
            String piece = Words.piece(completion.choiceSeeds()[choice], position);
            return new Chunk(SseEvent.data(choiceChunk(choice, piece, null)), position);
        }
        index -= contentChunks;
        if (index < choices) {
            return new Chunk(SseEvent.data(choiceChunk(index, "", completion.finishReason())), lastSlot);
        }
        if (includeUsage && index == choices) {
            ObjectNode chunk = CompletionBodies.header(completion, object);
            chunk.putArray("choices");
            chunk.set("usage", CompletionBodies.usage(completion));
            return new Chunk(SseEvent.data(Json.write(chunk)), lastSlot);
        }
        return new Chunk(SseEvent.data(SseEvent.DONE), lastSlot);
    }

    /**
     * A chunk for one choice. For chat, a null piece is the opening role delta and an empty piece with a finish
     * reason is the closing empty delta; for text completions the piece is the text.
     */
    private String choiceChunk(int choice, String piece, String finishReason) {
        ObjectNode chunk = CompletionBodies.header(completion, object);
        ObjectNode entry = chunk.putArray("choices").addObject();
        entry.put("index", choice);
        if (completion.chat()) {
            ObjectNode delta = entry.putObject("delta");
            if (piece == null) {
                delta.put("role", "assistant");
                delta.put("content", "");
            } else if (finishReason == null) {
                delta.put("content", piece);
            }
        } else {
            entry.put("text", piece);
        }
        entry.putNull("logprobs");
        entry.put("finish_reason", finishReason);
        if (includeUsage) {
            // OpenAI marks every chunk but the last with "usage": null when usage was asked for.
            chunk.putNull("usage");
        }
        return Json.write(chunk);
    }
}
