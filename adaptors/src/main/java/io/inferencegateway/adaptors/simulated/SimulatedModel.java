package io.inferencegateway.adaptors.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A fake OpenAI-compatible model: turns request bodies into deterministic, OpenAI-shaped answers, and fails a
 * configurable share of them. Thread-safe. {@link #complete} and {@link #stream} return at once;
 * {@link #answer} (and {@link #respond}) serve a request as a server would, through the model's
 * {@link ModelCapacity}: waiting for a slot, then for the latency, or refused when the queue is full.
 *
 * <p>The text depends only on the prompt content (and the request's {@code seed}): the same prompt always gets
 * the same answer, and an answer cut by {@code max_tokens} is a prefix of the longer one.
 */
public final class SimulatedModel {

    /** The most tokens one request may make the simulator generate (choices times answer length). */
    static final int MAX_GENERATED_TOKENS = 1 << 20;

    /** The steps a non-streaming answer's latency is spent in when the load changes its pace. */
    static final int ANSWER_STEPS = 32;

    private final SimulatedSettings settings;
    // java.util.Random is thread-safe; draws are only made when error_rate is above 0.
    private final RandomGenerator dice;
    private final Clock clock;
    private final String idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final ModelCapacity capacity;

    public SimulatedModel(SimulatedSettings settings) {
        this(settings, 0L, Clock.systemUTC(), CapacityObserver.NONE);
    }

    /** A model whose capacity nobody observes; see the constructor below. */
    public SimulatedModel(SimulatedSettings settings, long errorSeed, Clock clock) {
        this(settings, errorSeed, clock, CapacityObserver.NONE);
    }

    /**
     * @param errorSeed seeds the draws that decide which requests fail, so a run's failures can be replayed
     * @param clock     source of the {@code created} timestamps
     * @param observer  hears what the model's capacity serves, for metrics
     */
    public SimulatedModel(SimulatedSettings settings, long errorSeed, Clock clock, CapacityObserver observer) {
        this.settings = settings;
        this.dice = new Random(errorSeed);
        this.clock = clock;
        this.capacity = new ModelCapacity(settings.capacity(), observer);
    }

    public SimulatedSettings settings() {
        return settings;
    }

    /** The slots and queue every request to this model shares. */
    public ModelCapacity capacity() {
        return capacity;
    }

    /**
     * Serves the body as it asks: a stream when it sets {@code "stream": true} (embeddings never stream), else
     * {@link #answer}, which blocks.
     */
    public SimulatedReply respond(String openaiEndpoint, JsonNode body) throws InterruptedException {
        boolean streams = body != null && body.path("stream").asBoolean(false) && !"embeddings".equals(openaiEndpoint);
        return streams ? stream(openaiEndpoint, body) : answer(openaiEndpoint, body);
    }

    /**
     * Serves a non-streaming request: a slot (after waiting in the queue if need be), then {@code latency_ms}
     * scaled by the load, and the answer; or the refusal when the queue is full. Invalid requests and injected
     * failures take no slot; they are answered after {@code latency_ms}, as before there were slots. Blocks; an
     * interrupt gives the slot or place up.
     */
    public SimulatedReply answer(String openaiEndpoint, JsonNode body) throws InterruptedException {
        SimulatedReply reply = complete(openaiEndpoint, body);
        if (!(reply instanceof SimulatedReply.Answer answer)) {
            Thread.sleep(settings.latencyMs());
            return reply;
        }
        try (ModelCapacity.Place place = capacity.admit()) {
            if (place == null) {
                return capacity.refusal();
            }
            if (place.await(Long.MAX_VALUE, TimeUnit.NANOSECONDS) == ModelCapacity.State.RUNNING
                    && spendLatency(place)) {
                JsonNode reason = answer.body().path("choices").path(0).path("finish_reason");
                place.finished(reason.isTextual() ? reason.asText() : "stop");
            }
            return answer;
        }
    }

    /**
     * Spends {@code latency_ms} in the slot: in one step when the load cannot change the pace, else in
     * {@link #ANSWER_STEPS} equal steps, each scaled by the load factor when it starts (as decode steps would be).
     */
    private boolean spendLatency(ModelCapacity.Place place) throws InterruptedException {
        long latency = TimeUnit.MILLISECONDS.toNanos(settings.latencyMs());
        int steps = settings.capacity().stepSlowdown() > 1 ? ANSWER_STEPS : 1;
        long due = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            due += Math.round(latency / (double) steps * place.loadFactor());
            if (!place.sleepUntil(due)) {
                return false;
            }
        }
        return true;
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

    /**
     * A {@link SimulatedReply.Stream} of chunks paced by the settings, or a {@link SimulatedReply.Failure} (the
     * refusal when the queue is full). The stream holds a place: its first event waits for a slot; close it.
     */
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
            if (failure != null) {
                return failure;
            }
            ModelCapacity.Place place = capacity.admit();
            return place == null ? capacity.refusal() : new SimulatedReply.Stream(new PacedEventStream(
                    new ChunkSequence(completion, options.includeUsage()), settings, place, completion.finishReason()));
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
