package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenAI's Batch API through the official Java SDK, against a real gateway, PostgreSQL and Kafka. */
class OpenAiBatchesTest {

    private static GatewayFixture gateway;
    private static DataSource dataSource;
    private static BatchRepository batches;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of("GATEWAY_BATCH_MAX_ACTIVE", "0"));
        dataSource = gateway.app.database().dataSource();
        batches = new BatchRepository(dataSource);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A user of their own, with a key, an SDK client and a batch input file of theirs. */
    private record Caller(String userId, String key, OpenAIClient client, String fileId) {
    }

    private static Caller newCaller() {
        String userId = "user-" + UUID.randomUUID();
        String key = gateway.keyFor(userId, List.of(), "example.org");
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1")
                .maxRetries(0).build();
        return new Caller(userId, key, client, TestFiles.store(dataSource, userId, "batch",
                TestFiles.chatLines("model-a", 3)));
    }

    private static BatchCreateParams.Builder params(String fileId) {
        return BatchCreateParams.builder().inputFileId(fileId).endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H);
    }

    @Test
    void createsRetrievesAndCancelsABatch() {
        Caller caller = newCaller();

        Batch created = caller.client().batches().create(params(caller.fileId())
                .metadata(BatchCreateParams.Metadata.builder().putAdditionalProperty("project", JsonValue.from("alpha"))
                        .build()).build());

        created.validate();
        assertThat(created.id()).matches("batch_[0-9A-Za-z]{24}");
        assertThat(created.status()).isEqualTo(Batch.Status.VALIDATING);
        assertThat(created.endpoint()).isEqualTo("/v1/chat/completions");
        assertThat(created.inputFileId()).isEqualTo(caller.fileId());
        assertThat(created.completionWindow()).isEqualTo("24h");
        assertThat(created.model()).contains("model-a");
        assertThat(created.expiresAt()).contains(created.createdAt() + 24 * 3600);
        assertThat(created.inProgressAt()).isEmpty();
        assertThat(created.outputFileId()).isEmpty();
        assertThat(created.errors()).isEmpty();
        assertThat(created.requestCounts().orElseThrow().total()).isZero();
        assertThat(created.metadata().orElseThrow()._additionalProperties())
                .containsEntry("project", JsonValue.from("alpha"));

        io.inferencegateway.batch.Batch row = batches.find(created.id()).orElseThrow();
        assertThat(row.apiStyle()).isEqualTo(ApiStyle.OPENAI);
        assertThat(row.userId()).isEqualTo(caller.userId());
        assertThat(row.cluster()).isEqualTo("open");
        assertThat(row.framework()).isEqualTo("vllm");
        assertThat(row.model()).isEqualTo("model-a");

        Batch retrieved = caller.client().batches().retrieve(created.id());
        assertThat(retrieved).isEqualTo(created);

        Batch cancelling = caller.client().batches().cancel(created.id());
        assertThat(cancelling.status()).isEqualTo(Batch.Status.CANCELLING);
        assertThat(cancelling.cancellingAt()).isPresent();
        // Cancel is idempotent while the workers stop the batch.
        assertThat(caller.client().batches().cancel(created.id()).status()).isEqualTo(Batch.Status.CANCELLING);
        assertThat(caller.client().batches().retrieve(created.id()).status()).isEqualTo(Batch.Status.CANCELLING);
    }

    /** This gateway's extension: windows from 1m to 7d; the SDK sends any string it is given. */
    @Test
    void aBatchMayAskForAnotherCompletionWindowAndExpiresAfterIt() {
        Caller caller = newCaller();

        Batch created = caller.client().batches().create(BatchCreateParams.builder().inputFileId(caller.fileId())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow.of("1h")).build());

        created.validate();
        assertThat(created.completionWindow()).isEqualTo("1h");
        assertThat(created.expiresAt()).contains(created.createdAt() + 3600);
        assertThat(caller.client().batches().retrieve(created.id()).expiresAt()).contains(created.createdAt() + 3600);
    }

    @Test
    void everyCreatedBatchIsSubmittedToKafkaExactlyOnce() {
        Caller caller = newCaller();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(caller.client().batches().create(params(caller.fileId()).build()).id());
        }
        caller.client().batches().cancel(ids.getFirst());

        assertThat(SubmissionLog.count(ids)).isEqualTo(Map.of(ids.get(0), 1, ids.get(1), 1, ids.get(2), 1));
    }

    @Test
    void listsNewestFirstPageByPage() throws Exception {
        Caller caller = newCaller();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(caller.client().batches().create(params(caller.fileId()).build()).id());
        }
        Caller someoneElse = newCaller();
        someoneElse.client().batches().create(params(someoneElse.fileId()).build());
        List<String> newestFirst = created.reversed();

        BatchListPage first = caller.client().batches().list(BatchListParams.builder().limit(2).build());
        assertThat(first.data()).extracting(Batch::id).isEqualTo(newestFirst.subList(0, 2));
        assertThat(first.hasNextPage()).isTrue();
        BatchListPage second = first.nextPage();
        assertThat(second.data()).extracting(Batch::id).isEqualTo(newestFirst.subList(2, 4));
        List<String> all = new ArrayList<>();
        caller.client().batches().list(BatchListParams.builder().limit(2).build()).autoPager()
                .forEach(batch -> all.add(batch.id()));
        assertThat(all).isEqualTo(newestFirst);

        HttpResponse<String> last = gateway.get("/v1/batches?limit=2&after=" + newestFirst.get(3),
                "Bearer " + caller.key());
        JsonNode page = Json.read(last.body());
        assertThat(page.path("object").asText()).isEqualTo("list");
        assertThat(page.path("data")).hasSize(1);
        assertThat(page.path("first_id").asText()).isEqualTo(newestFirst.get(4));
        assertThat(page.path("last_id").asText()).isEqualTo(newestFirst.get(4));
        assertThat(page.path("has_more").asBoolean()).isFalse();

        JsonNode defaults = Json.read(gateway.get("/v1/batches", "Bearer " + caller.key()).body());
        assertThat(defaults.path("data")).hasSize(5);
        assertThat(defaults.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void anEmptyListHasNullCursors() throws Exception {
        JsonNode page = Json.read(gateway.get("/v1/batches", "Bearer " + newCaller().key()).body());

        assertThat(page.path("data")).isEmpty();
        assertThat(page.get("first_id").isNull()).isTrue();
        assertThat(page.get("last_id").isNull()).isTrue();
        assertThat(page.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void aFinishedBatchCannotBeCancelledButACancelledOneIsReturnedAsItIs() {
        Caller caller = newCaller();
        String done = caller.client().batches().create(params(caller.fileId()).build()).id();
        batches.transition(done, Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS);
        batches.transition(done, Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING);
        String cancelled = caller.client().batches().create(params(caller.fileId()).build()).id();
        caller.client().batches().cancel(cancelled);
        batches.transition(cancelled, Set.of(BatchState.CANCELLING), BatchState.CANCELLED);

        assertThatThrownBy(() -> caller.client().batches().cancel(done)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("finalizing");
        batches.transition(done, Set.of(BatchState.FINALIZING), BatchState.COMPLETED);
        assertThatThrownBy(() -> caller.client().batches().cancel(done)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("completed");
        Batch again = caller.client().batches().cancel(cancelled);
        assertThat(again.status()).isEqualTo(Batch.Status.CANCELLED);
        assertThat(again.cancelledAt()).isPresent();
    }

    @Test
    void progressErrorsAndUsageAppearAsOpenAiShowsThem() {
        Caller caller = newCaller();
        String id = caller.client().batches().create(params(caller.fileId()).build()).id();
        batches.transition(id, Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS);
        batches.setCounts(id, new io.inferencegateway.batch.Batch.RequestCounts(3, 2, 1),
                new io.inferencegateway.batch.Batch.TokenUsage(30, 12));
        String failed = caller.client().batches().create(params(caller.fileId()).build()).id();
        batches.markFailed(failed, Set.of(BatchState.VALIDATING), List.of(new io.inferencegateway.batch.BatchError(
                "invalid_json_line", "This line is not parseable as valid JSON.", null, 2)));

        Batch running = caller.client().batches().retrieve(id);
        running.validate();
        assertThat(running.status()).isEqualTo(Batch.Status.IN_PROGRESS);
        assertThat(running.inProgressAt()).isPresent();
        assertThat(running.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(running.requestCounts().orElseThrow().failed()).isEqualTo(1);
        assertThat(running.usage().orElseThrow().inputTokens()).isEqualTo(30);
        assertThat(running.usage().orElseThrow().outputTokens()).isEqualTo(12);
        assertThat(running.usage().orElseThrow().totalTokens()).isEqualTo(42);

        Batch invalid = caller.client().batches().retrieve(failed);
        invalid.validate();
        assertThat(invalid.status()).isEqualTo(Batch.Status.FAILED);
        assertThat(invalid.failedAt()).isPresent();
        var error = invalid.errors().orElseThrow().data().orElseThrow().getFirst();
        assertThat(error.code()).contains("invalid_json_line");
        assertThat(error.line()).contains(2L);
    }

    @Test
    void aUserSeesOnlyTheirOwnBatches() {
        Caller owner = newCaller();
        Caller other = newCaller();
        String id = owner.client().batches().create(params(owner.fileId()).build()).id();

        assertThatThrownBy(() -> other.client().batches().retrieve(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.client().batches().cancel(id)).isInstanceOf(NotFoundException.class);
        assertThat(other.client().batches().list().data()).isEmpty();
        assertThat(owner.client().batches().retrieve(id).status()).isEqualTo(Batch.Status.VALIDATING);
        // Another user's file cannot be used either; it does not exist for them.
        assertThatThrownBy(() -> other.client().batches().create(params(owner.fileId()).build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(owner.fileId());
    }

    @Test
    void aFirstStyleBatchIsNotShownHere() {
        Caller caller = newCaller();
        String id = batches.create(new NewBatch(BatchIds.newId(), ApiStyle.FIRST, caller.userId(), "open", "vllm",
                "model-a", "/v1/chat/completions", "24h", Duration.ofHours(24), "/data/in.jsonl", null, null,
                null)).id();

        assertThatThrownBy(() -> caller.client().batches().retrieve(id)).isInstanceOf(NotFoundException.class);
        assertThat(caller.client().batches().list().data()).isEmpty();
    }
}
