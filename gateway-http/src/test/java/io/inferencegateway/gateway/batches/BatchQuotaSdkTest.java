package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.gateway.GatewayFixture;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A user over the quota of active batches learns it from the create call itself, with the official SDK's default
 * retries on: a 429 with Retry-After had the SDKs wait and retry (the Node SDK reported after 120 s).
 */
@Timeout(60)
class BatchQuotaSdkTest {

    private static GatewayFixture gateway;
    private static DataSource dataSource;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of("GATEWAY_BATCH_MAX_ACTIVE", "1"));
        dataSource = gateway.app.database().dataSource();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theCreateCallReportsTheRefusalAtOnceAndIsNotRetried() {
        String userId = "user-" + UUID.randomUUID();
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(gateway.keyFor(userId, List.of(), "example.org"))
                .baseUrl(gateway.baseUrl() + "/v1").build(); // the SDK's default retries (2)
        BatchCreateParams params = BatchCreateParams.builder()
                .inputFileId(TestFiles.store(dataSource, userId, "batch", TestFiles.chatLines("model-a", 1)))
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build();
        assertThat(client.batches().create(params).status()).isEqualTo(Batch.Status.VALIDATING);

        long started = System.nanoTime();
        Batch refused = client.batches().create(params);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        refused.validate();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(refused.status()).isEqualTo(Batch.Status.FAILED);
        assertThat(refused.failedAt()).isPresent();
        var error = refused.errors().orElseThrow().data().orElseThrow().getFirst();
        assertThat(error.code()).contains("quota_exceeded");
        assertThat(error.message()).hasValueSatisfying(message -> assertThat(message).contains("1 active batch"));
        // One create request reached the gateway: one refused batch, beside the first one.
        assertThat(new BatchRepository(dataSource).listForUserByState(userId, ApiStyle.OPENAI,
                EnumSet.allOf(BatchState.class), 10)).extracting(b -> b.state())
                .containsExactlyInAnyOrder(BatchState.VALIDATING, BatchState.FAILED);
        assertThat(client.batches().retrieve(refused.id()).status()).isEqualTo(Batch.Status.FAILED);
    }
}
