package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A fake OpenAI-compatible model: turns request bodies into deterministic, OpenAI-shaped answers, and fails a
 * configurable share of them. Pure and thread-safe; it never sleeps except inside the streams it returns, so the
 * in-process adaptor and the standalone server each add the non-streaming latency themselves.
 *
 * <p>The text depends only on the prompt content (and the request's {@code seed}): the same prompt always gets
 * the same answer, and an answer cut by {@code max_tokens} is a prefix of the longer one.
 */
public final class SimulatedModel {

    /** The most tokens one request may make the simulator generate (choices times answer length). */
    static final int MAX_GENERATED_TOKENS = 1 << 20;

    private final SimulatedSettings settings;
    // java.util.Random is thread-safe; draws are only made when error_rate is above 0.
    private final RandomGenerator dice;
    private final Clock clock;
    private final String idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
    private final AtomicLong sequence = new AtomicLong();

    public SimulatedModel(SimulatedSettings settings) {
        this(settings, 0L, Clock.systemUTC());
    }

    /**
     * @param errorSeed seeds the draws that decide which requests fail, so a run's failures can be replayed
     * @param clock     source of the {@code created} timestamps
     */
    public SimulatedModel(SimulatedSettings settings, long errorSeed, Clock clock) {
        this.settings = settings;
        this.dice = new Random(errorSeed);
        this.clock = clock;
    }

    public SimulatedSettings settings() {
        return settings;
    }

    /** Answers as the body asks: a stream when it sets {@code "stream": true} (embeddings never stream). */
    public SimulatedReply respond(String openaiEndpoint, JsonNode body) {
        boolean streams = body != null && body.path("stream").asBoolean(false) && !"embeddings".equals(openaiEndpoint);
        return streams ? stream(openaiEndpoint, body) : complete(openaiEndpoint, body);
    }

    /** A whole answer ({@link SimulatedReply.Answer}) or a {@link SimulatedReply.Failure}, whatever {@code stream} says. */
    public SimulatedReply complete(String openaiEndpoint, JsonNode body) {
        try {
            requireObject(body);
            SimulatedReply.Answer answer = switch (openaiEndpoint) {
                case "chat/completions" -> new SimulatedReply.Answer(CompletionBodies.render(plan(true, body,
                        RequestOptions.read(body))));
                case "completions" -> new SimulatedReply.Answer(CompletionBodies.render(plan(false, body,
                        RequestOptions.read(body))));
                case "embeddings" -> new SimulatedReply.Answer(EmbeddingBodies.render(body, RequestOptions.model(body),
                        PromptReader.texts(body.get("input"), "input"), settings));
                default -> throw unsupported(openaiEndpoint);
            };
            SimulatedReply.Failure failure = injectedFailure();
            return failure != null ? failure : answer;
        } catch (InvalidRequestException e) {
            return invalid(e);
        }
    }

    /** A {@link SimulatedReply.Stream} of chunks paced by the settings, or a {@link SimulatedReply.Failure}. */
    public SimulatedReply stream(String openaiEndpoint, JsonNode body) {
        try {
            requireObject(body);
            boolean chat = switch (openaiEndpoint) {
                case "chat/completions" -> true;
                case "completions" -> false;
                default -> throw unsupported(openaiEndpoint + " (streaming)");
            };
            RequestOptions options = RequestOptions.read(body);
            Completion completion = plan(chat, body, options);
            SimulatedReply.Failure failure = injectedFailure();
            return failure != null ? failure
                    : new SimulatedReply.Stream(new PacedEventStream(new ChunkSequence(completion, options.includeUsage()), settings));
        } catch (InvalidRequestException e) {
            return invalid(e);
        }
    }

    private Completion plan(boolean chat, JsonNode body, RequestOptions options) {
        List<Prompt> prompts = chat ? List.of(PromptReader.chat(body.get("messages")))
                : PromptReader.texts(body.get("prompt"), "prompt");
        int tokens = options.answerTokens(settings);
        if ((long) prompts.size() * options.n() * tokens > MAX_GENERATED_TOKENS) {
            throw new InvalidRequestException("max_tokens", "The simulator generates at most " + MAX_GENERATED_TOKENS
                    + " tokens per request (prompts x n x max_tokens).");
        }
        long[] seeds = new long[prompts.size() * options.n()];
        int promptTokens = 0;
        int next = 0;
        for (Prompt prompt : prompts) {
            promptTokens += prompt.tokens();
            for (int i = 0; i < options.n(); i++) {
                seeds[next++] = Hashing.mix(Hashing.absorb(Hashing.absorb(prompt.hash(), options.seed()), i));
            }
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + idPrefix + sequence.incrementAndGet();
        return new Completion(id, clock.millis() / 1000, options.model(), chat, seeds, tokens, options.finishReason(),
                promptTokens);
    }

    private SimulatedReply.Failure injectedFailure() {
        double rate = settings.errorRate();
        if (rate == 0 || dice.nextDouble() >= rate) {
            return null;
        }
        int status = settings.errorStatus();
        return new SimulatedReply.Failure(status, OpenAiErrors.body(status,
                "Simulated failure (this model fails with probability " + rate + ").", null,
                status == 429 ? "rate_limit_exceeded" : "simulated_error"));
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(null, "The request body must be a JSON object.");
        }
    }

    private static InvalidRequestException unsupported(String what) {
        return new InvalidRequestException(null, "The simulated model does not serve " + what + ".");
    }

    private static SimulatedReply.Failure invalid(InvalidRequestException e) {
        return new SimulatedReply.Failure(400, OpenAiErrors.body(400, e.getMessage(), e.param(), null));
    }
}
