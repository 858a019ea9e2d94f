package io.inferencegateway.worker;

import static io.inferencegateway.worker.WorkerStack.chatLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.validation.InferenceRequests;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.validation.RequestRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs OpenAI would refuse fail the batch before any line runs, each problem named with its line; a line whose
 * request body the route would refuse becomes an error line, as the interactive call would fail.
 */
@Timeout(180)
class ValidationTest {

    static final String MODEL = "sim-mixed";
    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        stack.startWorker("validation");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** One bad line (the second) among good ones, and the error it must produce. */
    record Case(String badLine, String code, String param) {
    }

    @Test
    void eachKindOfBadLineFailsTheBatchNamingTheLine() {
        String ok = chatLine("a", MODEL, "hi");
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("not JSON", new Case("{\"custom_id\": \"b\", ", "invalid_json_line", null));
        cases.put("not an object", new Case("[1, 2]", "invalid_json_line", null));
        cases.put("no custom_id", new Case(chatLine("b", MODEL, "hi").replace("\"custom_id\":\"b\",", ""),
                "missing_required_parameter", "custom_id"));
        cases.put("duplicate custom_id", new Case(chatLine("a", MODEL, "again"), "duplicate_custom_id", "custom_id"));
        cases.put("method GET", new Case(chatLine("b", MODEL, "hi").replace("POST", "GET"), "invalid_value",
                "method"));
        cases.put("other endpoint", new Case(chatLine("b", MODEL, "hi").replace("/v1/chat/completions",
                "/v1/embeddings"), "mismatched_endpoint", "url"));
        cases.put("unknown url", new Case(chatLine("b", MODEL, "hi").replace("/v1/chat/completions", "/v1/nope"),
                "invalid_url", "url"));
        cases.put("body not an object", new Case("{\"custom_id\":\"b\",\"method\":\"POST\","
                + "\"url\":\"/v1/chat/completions\",\"body\":\"hi\"}", "invalid_value", "body"));
        cases.put("other model", new Case(chatLine("b", "sim-zero", "hi"), "mismatched_model", "body.model"));
        cases.put("streaming", new Case(chatLine("b", MODEL, "hi").replace("\"max_tokens\":8",
                "\"max_tokens\":8,\"stream\":true"), "invalid_value", "body.stream"));

        Map<String, String> batchIds = new LinkedHashMap<>();
        cases.forEach((name, c) -> {
            String id = stack.createBatch(MODEL, List.of(ok, c.badLine(), chatLine("c", MODEL, "bye")));
            batchIds.put(name, id);
            stack.submit(id);
        });
        // The Files API refuses such a file at upload; a FIRST-style input on disk is only counted by the worker.
        String tooManyId = stack.createFirstBatch(MODEL, WorkerStack.chatLines(MODEL, 50_001), null);
        stack.submit(tooManyId);
        String emptyId = stack.createBatch(MODEL, List.of(" "));
        stack.submit(emptyId);

        cases.forEach((name, c) -> {
            Batch batch = stack.awaitState(batchIds.get(name), BatchState.FAILED, Duration.ofSeconds(60));
            assertThat(batch.errors()).as(name).containsExactly(
                    new BatchError(c.code(), batch.errors().get(0).message(), c.param(), 2));
            assertThat(batch.errors().get(0).message()).as(name).isNotBlank();
            assertThat(batch.times().failedAt()).isNotNull();
        });
        Batch tooLarge = stack.awaitState(tooManyId, BatchState.FAILED, Duration.ofSeconds(60));
        assertThat(tooLarge.errors()).extracting(BatchError::code, BatchError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("too_many_tasks", 50_001));
        Batch empty = stack.awaitState(emptyId, BatchState.FAILED, Duration.ofSeconds(60));
        assertThat(empty.errors()).extracting(BatchError::code).containsExactly("empty_file");

        // No line of a failed batch was kept, let alone run.
        int lines = Sql.withConnection(stack.database.dataSource(), c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM batch_lines")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(lines).isZero();
    }

    @Test
    void aLineWhoseBodyAnInteractiveCallWouldRefuseBecomesAnErrorLineWithThatCallsAnswer() {
        String model = "sim-zero";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no-messages", "{\"custom_id\":\"no-messages\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"" + model + "\"}}");
        bad.put("hot", chatLine("hot", model, "hi").replace("\"max_tokens\":8", "\"temperature\":\"hot\""));
        bad.put("role", chatLine("role", model, "hi").replace("\"role\":\"user\"", "\"role\":\"wizard\""));
        List<String> lines = new ArrayList<>(List.of(chatLine("good", model, "hi")));
        lines.addAll(bad.values());
        String id = stack.createBatch(model, lines);
        stack.submit(id);

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));

        assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(4, 1, 3));
        Map<String, JsonNode> errors = new LinkedHashMap<>();
        stack.fileLines(batch.errorFileId()).forEach(line -> errors.put(line.path("custom_id").asText(), line));
        assertThat(errors.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
        bad.forEach((customId, line) -> {
            RequestRejected interactive = interactiveAnswer(line);
            JsonNode error = errors.get(customId);
            assertThat(error.at("/response/status_code").asInt()).as(customId).isEqualTo(400);
            assertThat(error.at("/response/body/error/message").asText()).as(customId)
                    .isEqualTo(interactive.getMessage());
            assertThat(error.at("/response/body/error/code").asText()).isEqualTo(interactive.code());
            assertThat(error.at("/response/body/error/param").asText()).isEqualTo(interactive.param());
            assertThat(error.at("/error/code").asText()).isEqualTo(interactive.code());
            assertThat(error.at("/error/message").asText()).isEqualTo(interactive.getMessage());
        });
        assertThat(errors.get("hot").at("/error/message").asText())
                .isEqualTo("Invalid type for 'temperature': expected a number, but got a string instead.");
    }

    /** What gateway-http's chat route answers this line's body: its RequestParser applies these same rules. */
    private static RequestRejected interactiveAnswer(String line) {
        JsonNode body = Json.read(line).path("body");
        try {
            InferenceRequests.validate(InferenceRoute.CHAT_COMPLETIONS, InferenceRequests.read(Json.writeBytes(body)));
        } catch (RequestRejected e) {
            return e;
        }
        throw new AssertionError("The chat route accepts " + body);
    }

    @Test
    void everyBadLineIsListed() {
        String id = stack.createBatch(MODEL, List.of(chatLine("a", MODEL, "hi"), "nope", chatLine("a", MODEL, "x"),
                chatLine("d", "sim-zero", "hi")));
        stack.submit(id);
        Batch batch = stack.awaitState(id, BatchState.FAILED, Duration.ofSeconds(60));
        assertThat(batch.errors()).extracting(BatchError::code, BatchError::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("invalid_json_line", 2),
                org.assertj.core.groups.Tuple.tuple("duplicate_custom_id", 3),
                org.assertj.core.groups.Tuple.tuple("mismatched_model", 4));
    }
}
