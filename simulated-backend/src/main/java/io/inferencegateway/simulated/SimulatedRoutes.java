package io.inferencegateway.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.simulated.OpenAiErrors;
import io.inferencegateway.adaptors.simulated.SimulatedModel;
import io.inferencegateway.adaptors.simulated.SimulatedReply;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.EventStream;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standalone server's handlers: parse, ask the {@link SimulatedModel} (which waits for a slot and the latency,
 * or refuses when its queue is full), write JSON or SSE.
 */
final class SimulatedRoutes {

    private final SimulatedModel model;
    private final byte[] modelList;
    private final byte[] health = Json.writeBytes(Json.object().put("status", "ok"));
    // Streams being relayed, so stopping the server ends them instead of leaving handlers asleep in their pacing.
    private final Set<EventStream> openStreams = ConcurrentHashMap.newKeySet();

    // Clients that leave a non-streaming request free its slot; watched only when answers take time or wait (else
    // null: a zero-latency server runs no watch thread beside the requests it measures).
    private final DepartureWatch departures;

    SimulatedRoutes(SimulatedModel model, List<String> models) {
        this.model = model;
        this.modelList = Json.writeBytes(modelList(models));
        boolean answersWait = model.settings().latencyMs() > 0 || model.settings().capacity().limited();
        this.departures = answersWait ? new DepartureWatch() : null;
    }

    /** POST /v1/chat/completions, /v1/completions and /v1/embeddings. */
    void openai(Context ctx, String openaiEndpoint) throws InterruptedException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            json(ctx, 400, OpenAiErrors.body(400, "The request body is not valid JSON.", null, null));
            return;
        }
        boolean streams = body.path("stream").asBoolean(false) && !"embeddings".equals(openaiEndpoint);
        // Handlers run on virtual threads, so waiting for a slot and the simulated latency costs no platform thread.
        SimulatedReply reply;
        if (streams) {
            reply = model.stream(openaiEndpoint, body);
        } else if (departures == null) {
            reply = model.answer(openaiEndpoint, body);
        } else {
            try (DepartureWatch.Watched watch = departures.watch(ctx.req())) {
                reply = model.answer(openaiEndpoint, body);
                if (watch.consumedNextRequest()) {
                    ctx.header("Connection", "close");
                }
            } catch (InterruptedException e) {
                // The client left (or the server stops): the model gave up the request's slot, nobody reads on.
                return;
            }
        }
        switch (reply) {
            case SimulatedReply.Stream stream -> {
                ctx.disableCompression();
                openStreams.add(stream.events());
                try {
                    SseWriter.relay(stream, ctx.res());
                } finally {
                    openStreams.remove(stream.events());
                }
            }
            case SimulatedReply.Answer answer -> json(ctx, 200, answer.body());
            case SimulatedReply.Failure failure -> json(ctx, failure.status(), failure.body());
        }
    }

    /** Ends every stream still being relayed (their clients see the response end early) and the departure watch. */
    void close() {
        openStreams.forEach(EventStream::close);
        if (departures != null) {
            departures.close();
        }
    }

    /** GET /v1/models. */
    void models(Context ctx) {
        ctx.status(200).contentType("application/json").result(modelList);
    }

    /** Any unknown route, answered in OpenAI's error shape so clients report it sensibly. */
    void notFound(Context ctx) {
        json(ctx, 404, OpenAiErrors.body(404, "The simulated backend has no route " + ctx.method() + " " + ctx.path()
                + ".", null, "not_found"));
    }

    /** GET /health. */
    void health(Context ctx) {
        ctx.status(200).contentType("application/json").result(health);
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.writeBytes(body));
    }

    private static ObjectNode modelList(List<String> models) {
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        long created = Instant.now().getEpochSecond();
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", created).put("owned_by", "simulated");
        }
        return list;
    }
}
